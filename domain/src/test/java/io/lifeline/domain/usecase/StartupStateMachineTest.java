package io.lifeline.domain.usecase;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.service.IllegalTransitionException;
import io.lifeline.domain.testing.ManualClock;
import io.lifeline.domain.testing.RecordingStateListener.Transition;
import io.lifeline.domain.testing.RecordingStateListener;
import io.lifeline.domain.testing.StartupFailures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupStateMachineTest {

    private static final CorrelationId RUN = new CorrelationId("backend-startup-1");
    private static final long PID = 4242;

    private final ManualClock clock = new ManualClock();
    private final RecordingStateListener listener = new RecordingStateListener();
    private final StartupStateMachine machine = new StartupStateMachine(RUN, listener);

    @Test
    void givenNewMachine_thenIdleAndNothingReported() {
        assertThat(machine.current()).isEqualTo(new StartupState.Idle());
        assertThat(listener.transitions()).isEmpty();
    }

    @Test
    void givenLegalPath_whenMoving_thenEachTransitionIsReportedWithFromToRunAndTime() {
        machine.moveTo(new StartupState.CheckingExisting(), clock.instant());
        clock.advance(Duration.ofMillis(3));
        machine.moveTo(new StartupState.Launching(1), clock.instant());
        clock.advance(Duration.ofMillis(40));
        machine.moveTo(new StartupState.WaitingForHealth(1, PID), clock.instant());

        assertThat(listener.transitions()).containsExactly(
                new Transition(RUN, new StartupState.Idle(), new StartupState.CheckingExisting(), clock.at(ms(0))),
                new Transition(RUN, new StartupState.CheckingExisting(), new StartupState.Launching(1),
                        clock.at(ms(3))),
                new Transition(RUN, new StartupState.Launching(1), new StartupState.WaitingForHealth(1, PID),
                        clock.at(ms(43))));
        assertThat(machine.current()).isEqualTo(new StartupState.WaitingForHealth(1, PID));
    }

    @Test
    void givenIdle_whenMovingToConnected_thenRejectedAndNothingChanges() {
        StartupState connected = new StartupState.Connected(1, OptionalLong.of(PID), false);

        assertThatThrownBy(() -> machine.moveTo(connected, clock.instant()))
                .isInstanceOf(IllegalTransitionException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("illegal startup transition " + new StartupState.Idle() + " -> " + connected, clock.instant());
        assertThat(machine.current()).isEqualTo(new StartupState.Idle());
        assertThat(listener.transitions()).isEmpty();
    }

    @Test
    void givenWaitingForAttemptOne_whenConnectingAsAttemptTwo_thenRejected() {
        moveAlong(new StartupState.Launching(1), new StartupState.WaitingForHealth(1, PID));

        assertThatThrownBy(() -> machine.moveTo(new StartupState.Connected(2, OptionalLong.of(PID), false),
                clock.instant()))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(machine.current()).isEqualTo(new StartupState.WaitingForHealth(1, PID));
    }

    @Test
    void givenBackoffBeforeAttemptTwo_whenLaunchingAttemptThree_thenRejected() {
        moveAlong(new StartupState.Launching(1), new StartupState.RetryBackoff(2, Duration.ofSeconds(2)));

        assertThatThrownBy(() -> machine.moveTo(new StartupState.Launching(3), clock.instant()))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(machine.current()).isEqualTo(new StartupState.RetryBackoff(2, Duration.ofSeconds(2)));
    }

    @Test
    void givenFailed_whenMovingAnywhere_thenRejected() {
        moveAlong(new StartupState.CheckingExisting(), new StartupState.Failed(StartupFailures.portInUse()));

        assertThatThrownBy(() -> machine.moveTo(new StartupState.Stopped(), clock.instant()))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> machine.moveTo(new StartupState.Launching(1), clock.instant()))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> machine.moveTo(new StartupState.Idle(), clock.instant()))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void givenStopped_whenMovingAnywhere_thenRejected() {
        moveAlong(new StartupState.CheckingExisting(), new StartupState.Stopped());

        assertThatThrownBy(() -> machine.moveTo(new StartupState.Stopped(), clock.instant()))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> machine.moveTo(new StartupState.Launching(1), clock.instant()))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> machine.moveTo(new StartupState.CheckingExisting(), clock.instant()))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void givenWaitingForHealth_whenStoppingWithoutStoppingFirst_thenRejected() {
        moveAlong(new StartupState.Launching(1), new StartupState.WaitingForHealth(1, PID));

        assertThatThrownBy(() -> machine.moveTo(new StartupState.Stopped(), clock.instant()))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void givenNull_whenMoving_thenRejected() {
        assertThatThrownBy(() -> machine.moveTo(null, clock.instant())).isInstanceOf(NullPointerException.class);
    }

    private void moveAlong(StartupState... states) {
        for (StartupState state : states) {
            machine.moveTo(state, clock.instant());
        }
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
