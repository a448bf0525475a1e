package io.lifeline.domain.usecase;

import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.testing.FakeBackendLauncher;
import io.lifeline.domain.testing.FakeHealthProbe;
import io.lifeline.domain.testing.FakeRunningBackend;
import io.lifeline.domain.testing.HealthReports;
import io.lifeline.domain.testing.ManualClock;
import io.lifeline.domain.testing.ManualScheduler;
import io.lifeline.domain.testing.PolicyRetryDecider;
import io.lifeline.domain.testing.RecordingStateListener;
import io.lifeline.domain.testing.StartCommands;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bug in a callback must end the run with its cause and stop the backend, never leave a caller waiting forever. */
class StartupRunInternalErrorTest {

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeHealthProbe probe = new FakeHealthProbe(clock);
    private final FakeBackendLauncher launcher = new FakeBackendLauncher(clock);

    @Test
    void givenPublisherThatThrowsOnConnected_whenBackendBecomesHealthy_thenSessionFailsAndBackendIsStopped() {
        IllegalStateException bug = new IllegalStateException("publisher bug");
        StartBackendService service = new StartBackendService(launcher, probe, event -> {
            if (event instanceof StatusEvent.Connected) {
                throw bug;
            }
        }, new RecordingStateListener(), new PolicyRetryDecider(), scheduler, clock);
        FakeRunningBackend backend = FakeRunningBackend.withPid(1001);
        launcher.willLaunch(backend);

        BackendSession session = service.start(StartCommands.quickStart());
        probe.answers(HealthReports.healthy());
        backend.emit("Uvicorn running on http://127.0.0.1:8000");

        assertThat(session.started().toCompletableFuture()).isCompletedExceptionally();
        assertThatThrownBy(() -> session.started().toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasCause(bug);
        assertThat(session.disconnected().toCompletableFuture()).isCompletedExceptionally();
        assertThat(backend.stopRequested()).isTrue();
        assertThat(session.stop().toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void givenAPublisherBugWhileTimersArePending_thenTheTimersAreCancelledAndLaterEventsChangeNothing() {
        List<String> published = new ArrayList<>();
        StartBackendService service = new StartBackendService(launcher, probe, event -> {
            published.add(event.name());
            if (event instanceof StatusEvent.Degraded) {
                throw new IllegalStateException("publisher bug");
            }
        }, new RecordingStateListener(), new PolicyRetryDecider(), scheduler, clock);
        FakeRunningBackend backend = FakeRunningBackend.withPid(1001);
        launcher.willLaunch(backend);
        BackendSession session = service.start(StartCommands.quickStart());
        assertThat(scheduler.pendingTasks()).as("the attempt's deadline").isPositive();

        probe.answers(HealthReports.databaseDegraded());
        backend.emit("INFO:     Application startup complete.");

        assertThat(session.started().toCompletableFuture()).isCompletedExceptionally();
        assertThat(scheduler.pendingTasks()).as("deadline and probe timers cancelled").isZero();
        backend.exit(1);
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(published).as("nothing after the bug").containsExactly("launching", "degraded");
    }

    @Test
    void givenTheExitWatchOfTheAdapterFails_thenTheSessionFailsWithThatCauseAndTheBackendIsStopped() {
        StartBackendService service = new StartBackendService(launcher, probe, event -> { },
                new RecordingStateListener(), new PolicyRetryDecider(), scheduler, clock);
        FakeRunningBackend backend = FakeRunningBackend.withPid(1001);
        launcher.willLaunch(backend);
        BackendSession session = service.start(StartCommands.quickStart());
        IllegalStateException bug = new IllegalStateException("exit watch broke");

        backend.breakExitWatch(bug);

        assertThatThrownBy(() -> session.finished().toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasCause(bug);
        assertThat(backend.stopRequested()).isTrue();
    }

    @Test
    void givenAPublisherThatThrowsAnError_thenTheSessionFailsAndAStopStillCompletes() {
        AssertionError error = new AssertionError("publisher error");
        StartBackendService service = new StartBackendService(launcher, probe, event -> {
            if (event instanceof StatusEvent.Connected) {
                throw error;
            }
        }, new RecordingStateListener(), new PolicyRetryDecider(), scheduler, clock);
        FakeRunningBackend backend = FakeRunningBackend.withPid(1001);
        launcher.willLaunch(backend);
        BackendSession session = service.start(StartCommands.quickStart());

        probe.answers(HealthReports.healthy());
        backend.emit("Uvicorn running");

        assertThatThrownBy(() -> session.started().toCompletableFuture().join()).hasCause(error);
        assertThat(backend.stopRequested()).isTrue();
        assertThat(session.stop().toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void givenTheRunsEventThreadWasShutDown_thenLateCallbacksAreDroppedAndAStopFailsAtOnce() {
        boolean[] shutDown = {false};
        java.util.concurrent.Executor events = task -> {
            if (shutDown[0]) {
                throw new java.util.concurrent.RejectedExecutionException("shut down");
            }
            task.run();
        };
        StartBackendService service = new StartBackendService(launcher, probe, event -> { },
                new RecordingStateListener(), new PolicyRetryDecider(), scheduler, clock,
                io.lifeline.domain.port.out.PortOwnerLookup.UNKNOWN, io.lifeline.domain.model.BackendProfile.GENERIC,
                new RunExecutors(events, Runnable::run));
        FakeRunningBackend backend = FakeRunningBackend.withPid(1001);
        launcher.willLaunch(backend);
        BackendSession session = service.start(StartCommands.quickStart());

        shutDown[0] = true;
        backend.exit(1);

        assertThat(session.stop().toCompletableFuture()).isCompletedExceptionally();
        assertThat(session.finished().toCompletableFuture()).isNotDone();
    }
}
