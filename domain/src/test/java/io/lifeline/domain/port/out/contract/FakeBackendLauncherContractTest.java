package io.lifeline.domain.port.out.contract;

import io.lifeline.domain.model.BackendScriptMissing;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.port.out.BackendLauncher.LaunchRequest;
import io.lifeline.domain.port.out.BackendLauncher;
import io.lifeline.domain.port.out.RunningBackend;
import io.lifeline.domain.testing.FakeBackendLauncher;
import io.lifeline.domain.testing.FakeRunningBackend;
import io.lifeline.domain.testing.ManualClock;
import io.lifeline.domain.testing.StartCommands;

import java.util.List;

/** The domain tests' scripted launcher and backends keep the same contract as the process adapter. */
class FakeBackendLauncherContractTest extends BackendLauncherContract {

    private static final LaunchRequest REQUEST = new LaunchRequest(StartCommands.BACKEND,
            StartCommands.ENDPOINT, new CorrelationId("backend-startup-contract"));
    private static final long PID = 4711;

    private final FakeBackendLauncher launcher = new FakeBackendLauncher(new ManualClock());

    @Override
    protected BackendLauncher launcher() {
        return launcher;
    }

    @Override
    protected LaunchRequest backendThatWritesAndExits(List<String> lines, int exitCode) {
        launcher.willLaunch(FakeRunningBackend.crashed(PID, exitCode, lines.toArray(String[]::new)));
        return REQUEST;
    }

    @Override
    protected LaunchRequest backendThatRunsUntilStopped() {
        launcher.willLaunch(FakeRunningBackend.withPid(PID));
        return REQUEST;
    }

    @Override
    protected LaunchRequest backendThatIgnoresTerminate() {
        // A held stop is a stop still waiting out its grace: only finishStop() or a kill ends it.
        launcher.willLaunch(FakeRunningBackend.withPid(PID).holdStop());
        return REQUEST;
    }

    @Override
    protected LaunchRequest backendThatCannotBeLaunched() {
        launcher.willNotLaunch(new BackendScriptMissing("/srv/lifeline/backend/main.py"));
        return REQUEST;
    }

    @Override
    protected void awaitReady(RunningBackend backend) {
        // A fake is ready as soon as it is handed out.
    }

    @Override
    protected void makeItWrite(RunningBackend backend, String line) {
        ((FakeRunningBackend) backend).emit(line);
    }
}
