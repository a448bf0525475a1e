package io.lifeline.domain.usecase;

import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.in.StartBackendUseCase;
import io.lifeline.domain.port.out.BackendLauncher;
import io.lifeline.domain.port.out.HealthProbe;
import io.lifeline.domain.port.out.PortOwnerLookup;
import io.lifeline.domain.port.out.RetryExecutor;
import io.lifeline.domain.port.out.Scheduler;
import io.lifeline.domain.port.out.StartupStateListener;
import io.lifeline.domain.port.out.StatusPublisher;
import io.lifeline.domain.service.CorrelationIdGenerator;

import java.time.Clock;
import java.util.Objects;

/**
 * The seed's {@code startPythonBackend}, done right: attach to a healthy backend that already runs, otherwise launch
 * with retries, wait for real health while watching the process, and report every outcome.
 */
public final class StartBackendService implements StartBackendUseCase {

    private final StartupPorts ports;
    private final CorrelationIdGenerator correlationIds;

    public StartBackendService(BackendLauncher launcher, HealthProbe probe, StatusPublisher publisher,
                               StartupStateListener stateListener, RetryExecutor retryExecutor, Scheduler scheduler,
                               Clock clock) {
        this(launcher, probe, publisher, stateListener, retryExecutor, scheduler, clock, PortOwnerLookup.UNKNOWN);
    }

    public StartBackendService(BackendLauncher launcher, HealthProbe probe, StatusPublisher publisher,
                               StartupStateListener stateListener, RetryExecutor retryExecutor, Scheduler scheduler,
                               Clock clock, PortOwnerLookup portOwners) {
        this.ports = new StartupPorts(launcher, probe, publisher, stateListener, retryExecutor, scheduler, clock,
                portOwners);
        this.correlationIds = new CorrelationIdGenerator(clock);
    }

    @Override
    public BackendSession start(StartBackendCommand command) {
        Objects.requireNonNull(command, "command");
        StartupRun run = new StartupRun(command, correlationIds.next(), ports);
        run.begin();
        return run;
    }

    /** The outbound ports one run talks to. */
    record StartupPorts(BackendLauncher launcher, HealthProbe probe, StatusPublisher publisher,
                        StartupStateListener stateListener, RetryExecutor retryExecutor, Scheduler scheduler,
                        Clock clock, PortOwnerLookup portOwners) {
        StartupPorts {
            Objects.requireNonNull(launcher, "launcher");
            Objects.requireNonNull(probe, "probe");
            Objects.requireNonNull(publisher, "publisher");
            Objects.requireNonNull(stateListener, "stateListener");
            Objects.requireNonNull(retryExecutor, "retryExecutor");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(portOwners, "portOwners");
        }
    }
}
