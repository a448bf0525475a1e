package io.lifeline.domain.model;

import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.testing.StartCommands;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each {@code with*} changes its one value and keeps every other. */
class CopiesTest {

    @Test
    void givenATimeoutPolicy_whenChangingTheProbeTimeout_thenOnlyThatChanges() {
        TimeoutPolicy changed = TimeoutPolicy.DEFAULT.withProbeTimeout(Duration.ofSeconds(9));

        assertThat(changed).isEqualTo(new TimeoutPolicy(Duration.ofSeconds(9), TimeoutPolicy.DEFAULT_STARTUP_TIMEOUT,
                TimeoutPolicy.DEFAULT_PROBE_INTERVAL));
    }

    @Test
    void givenACommand_whenChangingBackendOrLaunchMode_thenOnlyThatChanges() {
        StartBackendCommand command = StartCommands.quickStart();
        BackendSpec other = new BackendSpec(Path.of("/srv/other"), List.of("app.py"), List.of(), Optional.empty());
        LaunchMode detached = new LaunchMode.Detached(Path.of("/tmp/backend.out"));

        assertThat(command.withBackend(other).backend()).isEqualTo(other);
        assertThat(command.withBackend(other).withBackend(command.backend())).isEqualTo(command);
        assertThat(command.withLaunchMode(detached).launchMode()).isEqualTo(detached);
        assertThat(command.withLaunchMode(detached).withLaunchMode(LaunchMode.ATTACHED)).isEqualTo(command);
    }

    @Test
    void givenPolicies_whenChangingTheBackoff_thenAttemptsAndLimitsStayAndTheJitterIsTheNewOne() {
        Backoff jittery = new Backoff(Duration.ofSeconds(1), 3.0, Duration.ofSeconds(30), 0.25);

        RetryPolicy retry = RetryPolicy.DEFAULT.withBackoff(jittery);
        RestartPolicy restart = RestartPolicy.DEFAULT.withBackoff(jittery);

        assertThat(retry.maxAttempts()).isEqualTo(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
        assertThat(retry.jitter()).isEqualTo(0.25);
        assertThat(retry.multiplier()).isEqualTo(3.0);
        assertThat(restart.maxRestarts()).isEqualTo(RestartPolicy.DEFAULT_MAX_RESTARTS);
        assertThat(restart.jitter()).isEqualTo(0.25);
        assertThat(restart.maxDelay()).isEqualTo(Duration.ofSeconds(30));
    }
}
