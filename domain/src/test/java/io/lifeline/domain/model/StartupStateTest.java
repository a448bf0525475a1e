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

/** The transition table, state by state. {@code StartupStateMachineTest} covers enforcing it. */
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

    static Stream<Arguments> legalTransitions() {
        return Stream.of(
                arguments(IDLE, CHECKING), arguments(IDLE, launching(1)), arguments(IDLE, STOPPED),
                arguments(CHECKING, ATTACHED), arguments(CHECKING, launching(1)), arguments(CHECKING, FAILED),
                arguments(CHECKING, STOPPED),
                arguments(launching(1), waiting(1)), arguments(launching(1), backoff(2)),
                arguments(launching(1), FAILED), arguments(launching(1), STOPPING), arguments(launching(1), STOPPED),
                arguments(waiting(1), connected(1)), arguments(waiting(2), connected(2)),
                arguments(waiting(1), backoff(2)), arguments(waiting(1), FAILED), arguments(waiting(1), STOPPING),
                arguments(backoff(2), launching(2)), arguments(backoff(2), STOPPED),
                arguments(connected(1), STOPPING), arguments(connected(1), DISCONNECTED),
                arguments(connected(1), STOPPED), arguments(ATTACHED, STOPPED),
                arguments(DISCONNECTED, STOPPED), arguments(DISCONNECTED, RESTART_BACKOFF),
                arguments(DISCONNECTED, FAILED),
                arguments(RESTART_BACKOFF, launching(1)), arguments(RESTART_BACKOFF, STOPPED),
                arguments(STOPPING, STOPPED));
    }

    static Stream<Arguments> illegalTransitions() {
        return Stream.of(
                arguments(IDLE, ATTACHED), arguments(IDLE, connected(1)), arguments(IDLE, waiting(1)),
                arguments(IDLE, FAILED),
                arguments(CHECKING, connected(1)), arguments(CHECKING, waiting(1)), arguments(CHECKING, STOPPING),
                arguments(launching(1), waiting(2)), arguments(launching(1), backoff(3)),
                arguments(launching(1), connected(1)),
                arguments(waiting(1), connected(2)), arguments(waiting(1), ATTACHED),
                arguments(waiting(1), backoff(3)), arguments(waiting(1), STOPPED), arguments(waiting(1), launching(2)),
                arguments(backoff(2), launching(3)), arguments(backoff(2), launching(1)), arguments(backoff(2), FAILED),
                arguments(backoff(2), STOPPING),
                arguments(connected(1), FAILED), arguments(connected(1), launching(1)),
                arguments(DISCONNECTED, connected(1)), arguments(DISCONNECTED, launching(1)),
                arguments(DISCONNECTED, STOPPING), arguments(DISCONNECTED, backoff(2)),
                arguments(connected(1), RESTART_BACKOFF), arguments(ATTACHED, RESTART_BACKOFF),
                arguments(RESTART_BACKOFF, launching(2)), arguments(RESTART_BACKOFF, waiting(1)),
                arguments(RESTART_BACKOFF, connected(1)), arguments(RESTART_BACKOFF, STOPPING),
                arguments(RESTART_BACKOFF, FAILED), arguments(RESTART_BACKOFF, RESTART_BACKOFF),
                arguments(waiting(1), RESTART_BACKOFF), arguments(launching(1), RESTART_BACKOFF),
                arguments(STOPPING, connected(1)), arguments(STOPPING, FAILED));
    }

    static Stream<StartupState> everyState() {
        return Stream.of(IDLE, CHECKING, launching(1), waiting(1), backoff(2), connected(1), ATTACHED, DISCONNECTED,
                RESTART_BACKOFF, FAILED, STOPPING, STOPPED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("legalTransitions")
    void givenLegalTransition_thenAllowed(StartupState from, StartupState to) {
        assertThat(from.canMoveTo(to)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("illegalTransitions")
    void givenIllegalTransition_thenRefused(StartupState from, StartupState to) {
        assertThat(from.canMoveTo(to)).isFalse();
    }

    @ParameterizedTest(name = "failed -> {0}")
    @MethodSource("everyState")
    void givenFailed_thenNothingMayFollow(StartupState next) {
        assertThat(FAILED.canMoveTo(next)).isFalse();
    }

    @ParameterizedTest(name = "stopped -> {0}")
    @MethodSource("everyState")
    void givenStopped_thenNothingMayFollow(StartupState next) {
        assertThat(STOPPED.canMoveTo(next)).isFalse();
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
