package io.lifeline.domain.usecase;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.testing.ManualClock;
import io.lifeline.domain.testing.RecordingStateListener.Transition;
import io.lifeline.domain.testing.RecordingStateListener;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublicStateTest {

    private static final CorrelationId RUN = new CorrelationId("backend-startup-1");
    private static final long PID = 4242;

    private final ManualClock clock = new ManualClock();
    private final RecordingStateListener listener = new RecordingStateListener();
    private final PublicState machine = new PublicState(RUN, listener);

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
    void givenNull_whenMoving_thenRejected() {
        assertThatThrownBy(() -> machine.moveTo(null, clock.instant())).isInstanceOf(NullPointerException.class);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
