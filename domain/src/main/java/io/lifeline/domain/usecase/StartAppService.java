package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.operation.OwnershipVerifier;
import io.lifeline.domain.port.in.AppPlan;
import io.lifeline.domain.port.in.AppSession;
import io.lifeline.domain.port.in.HeadStart;
import io.lifeline.domain.port.in.StartAppUseCase;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.BackendAdapters;
import io.lifeline.domain.port.out.BackendLauncher;
import io.lifeline.domain.port.out.LaunchRecords;
import io.lifeline.domain.port.out.OwnershipChallenge;
import io.lifeline.domain.port.out.PortOwnerLookup;
import io.lifeline.domain.port.out.ProcessInspector;
import io.lifeline.domain.port.out.RetryDecider;
import io.lifeline.domain.port.out.RunSecrets;
import io.lifeline.domain.port.out.Scheduler;
import io.lifeline.domain.port.out.StartupStateListener;
import io.lifeline.domain.port.out.StatusPublisher;
import io.lifeline.domain.service.CorrelationIdGenerator;
import io.lifeline.domain.usecase.StartBackendService.StartupPorts;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Starts an app: one {@link AppDriver} over its backends' runs, each a {@link RunDriver} with the adapters chosen
 * for that backend ({@link BackendAdapters}) and the ports every backend shares. One correlation id joins the run.
 */
public final class StartAppService implements StartAppUseCase {

    /** The ports every backend of an app shares. */
    public record SharedPorts(BackendLauncher launcher, StatusPublisher publisher, StartupStateListener stateListener,
                              RetryDecider retryDecider, Scheduler scheduler, Clock clock,
                              PortOwnerLookup portOwners, ProcessInspector processes, LaunchRecords records,
                              RunSecrets secrets, RunExecutors executors) {
        public SharedPorts {
            Objects.requireNonNull(launcher, "launcher");
            Objects.requireNonNull(publisher, "publisher");
            Objects.requireNonNull(stateListener, "stateListener");
            Objects.requireNonNull(retryDecider, "retryDecider");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(portOwners, "portOwners");
            Objects.requireNonNull(processes, "processes");
            Objects.requireNonNull(records, "records");
            Objects.requireNonNull(secrets, "secrets");
            Objects.requireNonNull(executors, "executors");
        }
    }

    private final SharedPorts shared;
    private final BackendAdapters adapters;
    private final CorrelationIdGenerator correlationIds;

    public StartAppService(SharedPorts shared, BackendAdapters adapters) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.adapters = Objects.requireNonNull(adapters, "adapters");
        this.correlationIds = new CorrelationIdGenerator(shared.clock());
    }

    @Override
    public AppSession start(AppPlan plan) {
        return start(plan, Map.of());
    }

    /**
     * Each backend gets its own secret in its environment, unless the front end gave it one (the CLI does, for the
     * backends it launches ahead); each launch is recorded and its record removed when its run is over.
     */
    @Override
    public AppSession start(AppPlan unsecret, Map<BackendName, HeadStart> headStarts) {
        Objects.requireNonNull(unsecret, "plan");
        Objects.requireNonNull(headStarts, "headStarts");
        AppPlan plan = withSecrets(unsecret);
        var correlationId = headStarts.values().stream().findFirst()
                .map(ahead -> ahead.request().correlationId()).orElseGet(correlationIds::next);
        AppDriver app = new AppDriver(plan, correlationId, shared.executors(), shared.publisher(), shared.scheduler(),
                shared.clock(), (backend, headStart, publisher) -> {
                    RunDriver run = new RunDriver(backend, correlationId, portsFor(backend, publisher), headStart);
                    run.begin();
                    return run;
                }, headStarts, new LaunchBookkeeping(plan, shared.records(), shared.processes()));
        app.begin();
        return app;
    }

    private AppPlan withSecrets(AppPlan plan) {
        return new AppPlan(plan.backends().stream().map(backend -> {
            Map<String, String> environment = backend.backend().environment();
            if (environment.containsKey(OwnershipChallenge.SECRET_VARIABLE)) {
                return backend;
            }
            Map<String, String> secret = new HashMap<>(environment);
            secret.put(OwnershipChallenge.SECRET_VARIABLE, shared.secrets().next());
            return backend.withBackend(backend.backend().withEnvironment(secret));
        }).toList());
    }

    private StartupPorts portsFor(StartBackendCommand backend, StatusPublisher publisher) {
        BackendProfile profile = adapters.profile(backend.name(), backend.backend());
        OwnershipVerifier ownership = new OwnershipVerifier(shared.records(), shared.portOwners(),
                shared.processes(), adapters.challenge(backend.name(), backend.backend()), profile);
        return new StartupPorts(shared.launcher(), adapters.probe(backend.name(), backend.backend()), publisher, shared.stateListener(),
                shared.retryDecider(), shared.scheduler(), shared.clock(), shared.portOwners(), profile,
                shared.executors(), ownership);
    }
}
