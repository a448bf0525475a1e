package io.lifeline.domain.testing;

import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.PortOwnerLookup;
import io.lifeline.domain.usecase.RunExecutors;
import io.lifeline.domain.usecase.StartBackendService;

import java.time.Duration;
import java.time.Instant;

/**
 * The start use case wired to fakes only: a manual clock and scheduler (time moves only when the test says so),
 * a scripted probe and launcher, and recorders for events and transitions. No threads, no sleeping.
 */
public final class StartupHarness {

    public final ManualClock clock = new ManualClock();
    public final ManualScheduler scheduler = new ManualScheduler(clock);
    public final PolicyRetryDecider retries = new PolicyRetryDecider();
    public final FakeHealthProbe probe = new FakeHealthProbe(clock);
    public final FakeBackendLauncher launcher = new FakeBackendLauncher(clock);
    public final RecordingStatusPublisher events = new RecordingStatusPublisher();
    public final RecordingStateListener transitions = new RecordingStateListener();
    public final StartBackendService service =
            new StartBackendService(launcher, probe, events, transitions, retries, scheduler, clock,
                    PortOwnerLookup.UNKNOWN, new PythonLikeProfile(), RunExecutors.DIRECT);

    public BackendSession start(StartBackendCommand command) {
        return service.start(command);
    }

    public BackendSession start(StartBackendCommand command, io.lifeline.domain.port.in.HeadStart headStart) {
        return service.start(command, headStart);
    }

    public BackendSession start(StartCommands command) {
        return start(command.build());
    }

    /** Lets {@code amount} of fake time pass, running whatever falls due. */
    public void advance(Duration amount) {
        scheduler.advance(amount);
    }

    /** The instant {@code offset} after the harness's clock started. */
    public Instant at(Duration offset) {
        return clock.at(offset);
    }

    public Instant t0() {
        return clock.start();
    }
}
