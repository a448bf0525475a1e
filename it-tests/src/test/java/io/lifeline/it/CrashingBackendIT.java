package io.lifeline.it;

import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.StartBackendCommand;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CrashingBackendIT extends StartFlowTestBase {

    @Test
    void givenCrashDuringStartup_whenStarting_thenThreeAttemptsWithGrowingDelaysAndReportCarriesExitCode()
            throws Exception {
        // The seed's 30 s startup timeout stays: a dead process must fail its attempt at once, not at the deadline.
        StartBackendCommand command = Fixture.command("crash");
        assertThat(command.timeouts().startupTimeout()).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        Instant begin = Instant.now();

        StatusEvent decided = startAndAwaitDecision(command);

        Duration took = Duration.between(begin, Instant.now());
        assertThat(decided).isInstanceOf(StatusEvent.Failed.class);
        StatusEvent.Failed failed = (StatusEvent.Failed) decided;
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.cause()).isInstanceOf(StartupFailure.ExitedDuringStartup.class);
        StartupFailure.ExitedDuringStartup exited = (StartupFailure.ExitedDuringStartup) failed.cause();
        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(failed.lastOutput()).contains("fixture: simulated startup crash (scenario=crash)");
        assertThat(events.names()).containsExactly(
                "launching", "retrying", "launching", "retrying", "launching", "failed");
        assertThat(events.all(StatusEvent.Retrying.class))
                .extracting(StatusEvent.Retrying::delay)
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(events.all(StatusEvent.Retrying.class))
                .extracting(StatusEvent.Retrying::nextAttempt).containsExactly(2, 3);
        assertThat(events.all(StatusEvent.Launching.class))
                .extracting(StatusEvent.Launching::pid).doesNotHaveDuplicates()
                .allSatisfy(pid -> assertThat(ProcessHygiene.isAlive(pid)).isFalse());
        assertThat(took).as("attempts end when the process dies, not at the startup timeout")
                .isLessThan(Duration.ofSeconds(15));
    }
}
