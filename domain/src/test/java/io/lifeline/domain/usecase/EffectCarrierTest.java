package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.Ownership;
import io.lifeline.domain.model.ProcessFacts;
import io.lifeline.domain.operation.OwnershipVerifier;
import io.lifeline.domain.port.out.OwnershipChallenge;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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
            delivered::add, new PublicState(RUN, StartupStateListener.NONE), new SessionFutures(),
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

    @Test
    void givenAWatchedProcess_whenItExits_thenItsExitIsDeliveredWithinOneCheck_andTheChecksEnd() {
        Map<Long, ProcessFacts> running = new HashMap<>(Map.of(WATCHED.pid(), WATCHED));
        EffectCarrier watching = carrierWith(new OwnershipVerifier(endpoint -> Optional.empty(),
                PortOwnerLookup.UNKNOWN, pid -> Optional.ofNullable(running.get(pid)),
                (endpoint, secret) -> CompletableFuture.completedFuture(OwnershipChallenge.Answer.NONE),
                BackendProfile.GENERIC));
        watching.carryOut(List.of(new Effect.WatchProcess(Optional.of(WATCHED))), clock.instant());

        scheduler.advance(Duration.ofSeconds(2));
        List<RunEvent> whileRunning = List.copyOf(delivered);
        running.put(WATCHED.pid(), new ProcessFacts(WATCHED.pid(), Optional.of(clock.instant()), List.of("reused"),
                Optional.empty(), List.of(1L)));
        scheduler.advance(EffectCarrier.PROCESS_CHECK_INTERVAL);

        assertThat(whileRunning).isEmpty();
        assertThat(delivered).as("a reused pid is not the watched process").containsExactly(
                new RunEvent.WatchedProcessExited(WATCHED.pid()));
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void givenTheWatchTurnedOff_thenNoCheckIsLeft() {
        carrier.carryOut(List.of(new Effect.WatchProcess(Optional.of(WATCHED)),
                new Effect.WatchProcess(Optional.empty())), clock.instant());

        scheduler.advance(Duration.ofSeconds(5));

        assertThat(delivered).isEmpty();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void givenAbandoned_thenTheProcessWatchEndsToo() {
        carrier.carryOut(List.of(new Effect.WatchProcess(Optional.of(WATCHED))), clock.instant());

        carrier.abandon();
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void givenProveLaunch_thenItsAnswerIsDeliveredForThatLaunch() {
        carrier.carryOut(List.of(new Effect.ProveLaunch(3, 1001, HealthReport.of("healthy", Map.of()))),
                clock.instant());

        assertThat(delivered).containsExactly(new RunEvent.LaunchProven(3, new Ownership.Proven(
                Ownership.Proof.NONE, "launched as pid 1001")));
    }

    @Test
    void givenAProofThatBreaks_thenItIsUnprovenSayingWhy_notALostEvent() {
        EffectCarrier broken = carrierWith(new OwnershipVerifier(endpoint -> {
            throw new IllegalStateException("record store broke");
        }, endpoint -> {
            throw new IllegalStateException("lookup broke");
        }, pid -> Optional.empty(), (endpoint, secret) -> CompletableFuture.completedFuture(
                OwnershipChallenge.Answer.NONE), BackendProfile.GENERIC));

        broken.carryOut(List.of(new Effect.ProveLaunch(3, 1001, HealthReport.of("healthy", Map.of()))),
                clock.instant());

        assertThat(delivered).singleElement().isInstanceOfSatisfying(RunEvent.LaunchProven.class, proven ->
                assertThat(proven.ownership()).isInstanceOfSatisfying(Ownership.Unproven.class, unproven ->
                        assertThat(unproven.reason()).contains("lookup broke")));
    }

    private static final ProcessFacts WATCHED = new ProcessFacts(4242, Optional.of(Instant.parse(
            "2026-01-01T09:00:00Z")), List.of("python", "main.py"), Optional.empty(), List.of(1L));

    private EffectCarrier carrierWith(OwnershipVerifier verifier) {
        StartupPorts withVerifier = new StartupPorts(ports.launcher(), ports.probe(), ports.publisher(),
                ports.stateListener(), ports.retryDecider(), scheduler, clock, PortOwnerLookup.UNKNOWN,
                BackendProfile.GENERIC, RunExecutors.DIRECT, verifier);
        return new EffectCarrier(StartCommands.quickStart(), RUN, withVerifier, Runnable::run, delivered::add,
                new PublicState(RUN, StartupStateListener.NONE), new SessionFutures(), Optional.empty());
    }
}
