package io.lifeline.domain.port.in;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.model.RestartPolicy;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.SupervisionPolicy;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.testing.StartCommands;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartBackendCommandTest {

    private static final BackendSpec BACKEND = StartCommands.BACKEND;

    @Test
    void givenABackend_whenUsingDefaults_thenTheSeedsPoliciesAndFiveSecondsGrace() {
        StartBackendCommand command = StartBackendCommand.withDefaults(BACKEND);

        assertThat(command.endpoint()).isEqualTo(Endpoint.DEFAULT);
        assertThat(command.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(command.timeouts()).isEqualTo(TimeoutPolicy.DEFAULT);
        assertThat(command.acceptance()).isEqualTo(HealthAcceptance.DEFAULT);
        assertThat(command.stopGrace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void givenDefaults_thenSupervisedWithTheDefaultLivenessAndRestartPolicies() {
        assertThat(StartBackendCommand.withDefaults(BACKEND).supervision()).isEqualTo(SupervisionPolicy.DEFAULT);
    }

    @Test
    void givenThePlainSixPartConstructor_thenNotSupervisedAndAttached() {
        StartBackendCommand command = withGrace(Duration.ofSeconds(5));

        assertThat(command.supervision()).isEqualTo(SupervisionPolicy.NONE);
        assertThat(command.launchMode()).isEqualTo(LaunchMode.ATTACHED);
    }

    @Test
    void givenWithSupervision_thenOnlyTheSupervisionChanges() {
        StartBackendCommand plain = withGrace(Duration.ofSeconds(5));
        SupervisionPolicy always = SupervisionPolicy.DEFAULT
                .withRestart(RestartPolicy.DEFAULT.withMode(RestartPolicy.Mode.ALWAYS));

        StartBackendCommand supervised = plain.withSupervision(always);

        assertThat(supervised.supervision()).isEqualTo(always);
        assertThat(supervised).isEqualTo(new StartBackendCommand(plain.backend(), plain.endpoint(), plain.retry(),
                plain.timeouts(), plain.acceptance(), plain.stopGrace(), always, plain.launchMode()));
    }

    @Test
    void givenNoSupervision_whenCreating_thenRejectedNamingIt() {
        assertThatNullPointerException().isThrownBy(() -> withGrace(Duration.ofSeconds(5)).withSupervision(null))
                .withMessage("supervision");
    }

    @Test
    void givenZeroStopGrace_whenCreating_thenRejected() {
        assertThatThrownBy(() -> withGrace(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stop grace period must be positive, was 0s");
    }

    @Test
    void givenNegativeStopGrace_whenCreating_thenRejected() {
        assertThatThrownBy(() -> withGrace(Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stop grace period must be positive, was -5s");
    }

    @Test
    void givenMissingParts_whenCreating_thenRejectedNamingThePart() {
        assertThatNullPointerException().isThrownBy(() -> new StartBackendCommand(null, Endpoint.DEFAULT,
                RetryPolicy.DEFAULT, TimeoutPolicy.DEFAULT, HealthAcceptance.DEFAULT, Duration.ofSeconds(5)))
                .withMessage("backend");
        assertThatNullPointerException().isThrownBy(() -> new StartBackendCommand(BACKEND, null,
                RetryPolicy.DEFAULT, TimeoutPolicy.DEFAULT, HealthAcceptance.DEFAULT, Duration.ofSeconds(5)))
                .withMessage("endpoint");
        assertThatNullPointerException().isThrownBy(() -> new StartBackendCommand(BACKEND, Endpoint.DEFAULT,
                null, TimeoutPolicy.DEFAULT, HealthAcceptance.DEFAULT, Duration.ofSeconds(5)))
                .withMessage("retry");
        assertThatNullPointerException().isThrownBy(() -> new StartBackendCommand(BACKEND, Endpoint.DEFAULT,
                RetryPolicy.DEFAULT, null, HealthAcceptance.DEFAULT, Duration.ofSeconds(5)))
                .withMessage("timeouts");
        assertThatNullPointerException().isThrownBy(() -> new StartBackendCommand(BACKEND, Endpoint.DEFAULT,
                RetryPolicy.DEFAULT, TimeoutPolicy.DEFAULT, null, Duration.ofSeconds(5)))
                .withMessage("acceptance");
        assertThatNullPointerException().isThrownBy(() -> withGrace(null))
                .withMessage("stop grace period must not be null");
    }

    private static StartBackendCommand withGrace(Duration grace) {
        return new StartBackendCommand(BACKEND, Endpoint.DEFAULT, RetryPolicy.DEFAULT, TimeoutPolicy.DEFAULT,
                HealthAcceptance.DEFAULT, grace);
    }
}
