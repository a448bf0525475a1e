package io.lifeline.domain.model;

import io.lifeline.domain.testing.StartupFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The public states as values: labels, terminals, and what each rejects. Which follows which is the run's table. */
class StartupStateTest {

    static final long PID = 4242;
    static final StartupState IDLE = new StartupState.Idle();
    static final StartupState CHECKING = new StartupState.CheckingExisting();
    static final StartupState ATTACHED = new StartupState.Connected(0, OptionalLong.of(PID), true);
    static final StartupState FAILED = new StartupState.Failed(StartupFailures.exitedDuringStartup());
    static final StartupState STOPPING = new StartupState.Stopping();
    static final StartupState STOPPED = new StartupState.Stopped();
    static final StartupState DISCONNECTED = new StartupState.Disconnected(OptionalLong.of(1));
    static final StartupState RESTART_BACKOFF = new StartupState.RestartBackoff(1, Duration.ofSeconds(2));

    static StartupState launching(int attempt) {
        return new StartupState.Launching(attempt);
    }

    static StartupState waiting(int attempt) {
        return new StartupState.WaitingForHealth(attempt, PID);
    }

    static StartupState backoff(int nextAttempt) {
        return new StartupState.RetryBackoff(nextAttempt, Duration.ofSeconds(2));
    }

    static StartupState connected(int attempt) {
        return new StartupState.Connected(attempt, OptionalLong.of(PID), false);
    }

    static Stream<StartupState> everyState() {
        return Stream.of(IDLE, CHECKING, launching(1), waiting(1), backoff(2), connected(1), ATTACHED, DISCONNECTED,
                RESTART_BACKOFF, FAILED, STOPPING, STOPPED);
    }

    @Test
    void givenEveryState_thenOnlyFailedAndStoppedAreTerminal() {
        assertThat(everyState().filter(StartupState::isTerminal)).containsExactlyInAnyOrder(FAILED, STOPPED);
    }

    @Test
    void givenEveryState_thenLabelsAreLowerCaseAndDistinctPerKind() {
        List<String> labels = everyState().map(StartupState::label).distinct().toList();

        assertThat(labels).containsExactlyInAnyOrder("idle", "checking-existing", "launching", "waiting-for-health",
                "retry-backoff", "connected", "disconnected", "restart-backoff", "failed", "stopping", "stopped");
    }

    @Test
    void givenAttemptZero_whenLaunchingOrWaiting_thenRejected() {
        assertThatThrownBy(() -> new StartupState.Launching(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("attempt must be >= 1, was 0");
        assertThatThrownBy(() -> new StartupState.WaitingForHealth(0, PID))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("attempt must be >= 1, was 0");
    }

    @Test
    void givenRestartZero_whenBackingOffBeforeARestart_thenRejected() {
        assertThatThrownBy(() -> new StartupState.RestartBackoff(0, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("restart must be >= 1, was 0");
    }

    @Test
    void givenRetryOfAttemptOne_whenBackingOff_thenRejected() {
        assertThatThrownBy(() -> new StartupState.RetryBackoff(1, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a retry is attempt 2 or later, was 1");
    }
}
