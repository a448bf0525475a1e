package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.port.in.HeadStart;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.in.StartBackendUseCase;
import io.lifeline.domain.port.out.BackendLauncher;
import io.lifeline.domain.port.out.HealthProbe;
import io.lifeline.domain.port.out.PortOwnerLookup;
import io.lifeline.domain.operation.OwnershipVerifier;
import io.lifeline.domain.port.out.RetryDecider;
import io.lifeline.domain.port.out.Scheduler;
import io.lifeline.domain.port.out.StartupStateListener;
import io.lifeline.domain.port.out.StatusPublisher;
import io.lifeline.domain.service.CorrelationIdGenerator;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The seed's start function, done right: attach to a healthy backend that already runs, otherwise launch
 * with retries, wait for real health while watching the process, supervise, and report every outcome. Each start is
 * one {@link RunDriver} around the pure {@link RunMachine}.
 */
public final class StartBackendService implements StartBackendUseCase {

    private final StartupPorts ports;
    private final CorrelationIdGenerator correlationIds;

    /**
     * Runs on the caller's thread ({@link RunExecutors#DIRECT}), reads output with the {@link BackendProfile#GENERIC}
     * profile and without a port-holder lookup: for tests.
     */
    public StartBackendService(BackendLauncher launcher, HealthProbe probe, StatusPublisher publisher,
                               StartupStateListener stateListener, RetryDecider retryDecider, Scheduler scheduler,
                               Clock clock) {
        this(launcher, probe, publisher, stateListener, retryDecider, scheduler, clock, PortOwnerLookup.UNKNOWN,
                BackendProfile.GENERIC, RunExecutors.DIRECT, OwnershipVerifier.PROVING_NOTHING);
    }

    /** Without ownership proofs: a start that must verify ({@code AttachPolicy.VERIFIED}) refuses every backend. */
    public StartBackendService(BackendLauncher launcher, HealthProbe probe, StatusPublisher publisher,
                               StartupStateListener stateListener, RetryDecider retryDecider, Scheduler scheduler,
                               Clock clock, PortOwnerLookup portOwners, BackendProfile profile,
                               RunExecutors executors) {
        this(launcher, probe, publisher, stateListener, retryDecider, scheduler, clock, portOwners, profile,
                executors, OwnershipVerifier.PROVING_NOTHING);
    }

    public StartBackendService(BackendLauncher launcher, HealthProbe probe, StatusPublisher publisher,
                               StartupStateListener stateListener, RetryDecider retryDecider, Scheduler scheduler,
                               Clock clock, PortOwnerLookup portOwners, BackendProfile profile,
                               RunExecutors executors, OwnershipVerifier ownership) {
        this.ports = new StartupPorts(launcher, probe, publisher, stateListener, retryDecider, scheduler, clock,
                portOwners, profile, executors, ownership);
        this.correlationIds = new CorrelationIdGenerator(clock);
    }

    @Override
    public BackendSession start(StartBackendCommand command) {
        Objects.requireNonNull(command, "command");
        RunDriver run = new RunDriver(command, correlationIds.next(), ports, Optional.empty());
        run.begin();
        return run;
    }

    @Override
    public BackendSession start(StartBackendCommand command, HeadStart headStart) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(headStart, "headStart");
        RunDriver run = new RunDriver(command, headStart.request().correlationId(), ports, Optional.of(headStart));
        run.begin();
        return run;
    }

    /** The outbound ports one run talks to, and where it runs. */
    record StartupPorts(BackendLauncher launcher, HealthProbe probe, StatusPublisher publisher,
                        StartupStateListener stateListener, RetryDecider retryDecider, Scheduler scheduler,
                        Clock clock, PortOwnerLookup portOwners, BackendProfile profile, RunExecutors executors,
                        OwnershipVerifier ownership) {
        StartupPorts {
            Objects.requireNonNull(launcher, "launcher");
            Objects.requireNonNull(probe, "probe");
            Objects.requireNonNull(publisher, "publisher");
            Objects.requireNonNull(stateListener, "stateListener");
            Objects.requireNonNull(retryDecider, "retryDecider");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(portOwners, "portOwners");
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(executors, "executors");
            Objects.requireNonNull(ownership, "ownership");
        }
    }
}
