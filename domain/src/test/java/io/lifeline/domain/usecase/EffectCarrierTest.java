package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.port.out.PortOwnerLookup;
import io.lifeline.domain.port.out.StartupStateListener;
import io.lifeline.domain.testing.FakeBackendLauncher;
import io.lifeline.domain.testing.FakeHealthProbe;
import io.lifeline.domain.testing.ManualClock;
import io.lifeline.domain.testing.ManualScheduler;
import io.lifeline.domain.testing.PolicyRetryDecider;
import io.lifeline.domain.testing.RecordingStatusPublisher;
import io.lifeline.domain.testing.StartCommands;
import io.lifeline.domain.usecase.Effect.Timer;
import io.lifeline.domain.usecase.StartBackendService.StartupPorts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the driver's effects do to the ports, where the use-case tests cannot see it. */
class EffectCarrierTest {

    private static final CorrelationId RUN = new CorrelationId("backend-startup-1");

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<RunEvent> delivered = new ArrayList<>();
    private final StartupPorts ports = new StartupPorts(new FakeBackendLauncher(clock), new FakeHealthProbe(clock),
            new RecordingStatusPublisher(), StartupStateListener.NONE, new PolicyRetryDecider(), scheduler, clock,
            PortOwnerLookup.UNKNOWN, BackendProfile.GENERIC, RunExecutors.DIRECT,
            io.lifeline.domain.operation.OwnershipVerifier.PROVING_NOTHING);
    private final EffectCarrier carrier = new EffectCarrier(StartCommands.quickStart(), RUN, ports, Runnable::run,
            delivered::add, new StartupStateMachine(RUN, StartupStateListener.NONE), new SessionFutures(),
            java.util.Optional.empty());

    @Test
    void givenATimerScheduledAgain_thenTheEarlierScheduleIsReplaced() {
        carrier.carryOut(List.of(
                new Effect.Schedule(Timer.NEXT_PROBE, Duration.ofSeconds(1), new RunEvent.ProbeDue(1)),
                new Effect.Schedule(Timer.NEXT_PROBE, Duration.ofSeconds(2), new RunEvent.ProbeDue(2))), clock.instant());

        scheduler.advance(Duration.ofSeconds(5));

        assertThat(delivered).containsExactly(new RunEvent.ProbeDue(2));
    }

    @Test
    void givenATimerCancelled_thenItsEventNeverComes() {
        carrier.carryOut(List.of(
                new Effect.Schedule(Timer.BACKOFF, Duration.ofSeconds(1), new RunEvent.BackoffOver()),
                new Effect.Cancel(Timer.BACKOFF)), clock.instant());

        scheduler.advance(Duration.ofSeconds(5));

        assertThat(delivered).isEmpty();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void givenAbandoned_thenNoTimerFiresAnyMore() {
        carrier.carryOut(List.of(
                new Effect.Schedule(Timer.LIVENESS, Duration.ofSeconds(1), new RunEvent.LivenessDue(1)),
                new Effect.Schedule(Timer.STABLE_PERIOD, Duration.ofSeconds(2), new RunEvent.StablePeriodOver(1))),
                clock.instant());

        carrier.abandon();
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(delivered).isEmpty();
    }
}
