package io.lifeline.domain.usecase;

import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.testing.FakeBackendLauncher;
import io.lifeline.domain.testing.FakeHealthProbe;
import io.lifeline.domain.testing.FakeRunningBackend;
import io.lifeline.domain.testing.HealthReports;
import io.lifeline.domain.testing.ManualClock;
import io.lifeline.domain.testing.ManualScheduler;
import io.lifeline.domain.testing.RecordingStateListener;
import io.lifeline.domain.testing.PolicyRetryDecider;
import io.lifeline.domain.testing.StartCommands;
import org.junit.jupiter.api.Test;

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
}
