package io.lifeline.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.lifeline.adapter.cli.command.StartFlow;
import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.LoggingStateListener;
import io.lifeline.adapter.cli.output.LoggingStatusPublisher;
import io.lifeline.adapter.cli.output.StatusPublishers;
import io.lifeline.adapter.cli.state.RandomRunSecrets;
import io.lifeline.adapter.cli.state.RunDirLaunchRecords;
import io.lifeline.adapter.cli.state.RunFolder;
import io.lifeline.adapter.http.HealthAnswerReader;
import io.lifeline.adapter.http.HealthRequest;
import io.lifeline.adapter.http.HmacOwnershipChallenge;
import io.lifeline.adapter.http.HttpHealthProbe;
import io.lifeline.adapter.http.IetfHealthReader;
import io.lifeline.adapter.http.SpringActuatorReader;
import io.lifeline.adapter.http.StatusCodeHealthReader;
import io.lifeline.adapter.http.TcpHealthProbe;
import io.lifeline.adapter.process.InterpreterFinder;
import io.lifeline.adapter.process.LocalInterpreterDiagnosis;
import io.lifeline.adapter.process.LocalProcessControl;
import io.lifeline.adapter.process.LocalProcessLauncher;
import io.lifeline.adapter.process.LocalProgramCheck;
import io.lifeline.adapter.process.ProcPortOwnerLookup;
import io.lifeline.adapter.process.ProcProcessInspector;
import io.lifeline.adapter.process.PythonCommands;
import io.lifeline.adapter.process.Resilience4jRetryDecider;
import io.lifeline.adapter.process.ScheduledExecutorScheduler;
import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.operation.BackendStatusService;
import io.lifeline.domain.operation.BackendWaiter;
import io.lifeline.domain.operation.DetachedBackendStopper;
import io.lifeline.domain.operation.SetupDiagnosisService;
import io.lifeline.domain.port.in.CheckBackendStatusUseCase;
import io.lifeline.domain.port.in.DiagnoseSetupUseCase;
import io.lifeline.domain.port.in.StartAppUseCase;
import io.lifeline.domain.port.in.StartBackendUseCase;
import io.lifeline.domain.port.out.BackendAdapters;
import io.lifeline.domain.port.in.StopDetachedBackendUseCase;
import io.lifeline.domain.port.in.WaitForBackendUseCase;
import io.lifeline.domain.port.out.BackendLauncher;
import io.lifeline.domain.port.out.HealthProbe;
import io.lifeline.domain.port.out.InterpreterDiagnosis;
import io.lifeline.domain.port.out.PortOwnerLookup;
import io.lifeline.domain.port.out.ProcessControl;
import io.lifeline.domain.port.out.RetryDecider;
import io.lifeline.domain.port.out.Scheduler;
import io.lifeline.domain.port.out.StartupStateListener;
import io.lifeline.domain.port.out.StatusPublisher;
import io.lifeline.domain.service.FailureClassifier;
import io.lifeline.domain.operation.OwnershipVerifier;
import io.lifeline.domain.usecase.RunExecutors;
import io.lifeline.domain.usecase.StartAppService;
import io.lifeline.domain.usecase.StartBackendService;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one place where ports meet their adapters, for one command run. It gets the run's resolved configuration, so
 * an adapter can be chosen or set up by a setting: read it with {@code config.get(Settings.X)} in a provider.
 */
final class LifelineModule extends AbstractModule {

    private final AppConfig app;
    /** The app's first backend: what the commands that ask one backend (status, wait, stop, doctor) ask about. */
    private final LifelineConfig config;
    private final StatusPublisher publisher;

    LifelineModule(LifelineConfig config, StatusPublisher publisher) {
        this(AppConfig.single(config), publisher);
    }

    LifelineModule(AppConfig app, StatusPublisher publisher) {
        this.app = Objects.requireNonNull(app, "app");
        this.config = app.app();
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    protected void configure() {
        bind(LifelineConfig.class).toInstance(config);
        bind(AppConfig.class).toInstance(app);
        bind(RunResources.class).toInstance(new RunResources());
    }

    /**
     * Every publisher of the run, the log first (so lifeline.log has every event whatever the others do), then the
     * front end's. They are closed with the run, after everything else: a publisher added here delivers its last
     * event ({@code stopped}) without more wiring, on every way out, the shutdown hook's too.
     */
    @Provides
    @Singleton
    StatusPublisher publisher(RunResources resources) {
        StatusPublishers publishers = StatusPublishers.of(new LoggingStatusPublisher(), publisher);
        return resources.registerLast(publishers, publishers::close);
    }

    @Provides
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    ScheduledExecutorService timers(RunResources resources) {
        // One thread: a timer only hands an event to the run's thread, it never waits.
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, DaemonThreads.named("lifeline-timer"));
        return resources.register(timers, timers::shutdownNow);
    }

    @Provides
    @Singleton
    ExecutorService blockingWork(RunResources resources) {
        ExecutorService blockingWork = Executors.newCachedThreadPool(DaemonThreads.named("lifeline-launch"));
        return resources.register(blockingWork, blockingWork::shutdownNow);
    }

    @Provides
    @Singleton
    Scheduler scheduler(ScheduledExecutorService timers) {
        return new ScheduledExecutorScheduler(timers);
    }

    @Provides
    @Singleton
    RetryDecider retryDecider() {
        return new Resilience4jRetryDecider();
    }

    @Provides
    @Singleton
    BackendLauncher launcher(ExecutorService blockingWork) {
        return launcher(config, blockingWork);
    }

    /** The launcher of a run; {@link EarlyLaunch} makes one too, before the graph is built. */
    static BackendLauncher launcher(LifelineConfig config, ExecutorService executor) {
        return new LocalProcessLauncher(new InterpreterFinder(), executor, RunFolder.FILES,
                Optional.of(config.runDir().resolve("interpreters.properties")));
    }

    @Provides
    @Singleton
    BackendAdapters backendAdapters(RunResources resources) {
        return new ConfiguredBackendAdapters(app, resources);
    }

    /** The probe of the backend a one-backend command asks about. */
    @Provides
    @Singleton
    HealthProbe healthProbe(BackendAdapters adapters) {
        return adapters.probe(config.name(), config.backend());
    }

    /**
     * What every HTTP request to a backend carries, the probe's and the ownership challenge's alike: a setting that
     * shapes the request (the path, a header) goes here, and reaches both, for each backend from its own settings.
     */
    static HealthRequest healthRequest(LifelineConfig config) {
        return HealthRequest.at(config.get(Settings.HEALTH_PATH));
    }

    @Provides
    @Singleton
    StartupStateListener stateListener() {
        return new LoggingStateListener();
    }

    @Provides
    @Singleton
    ProcessControl processControl() {
        return new LocalProcessControl();
    }

    @Provides
    @Singleton
    InterpreterDiagnosis interpreterDiagnosis() {
        return new LocalInterpreterDiagnosis(new InterpreterFinder());
    }

    @Provides
    @Singleton
    PortOwnerLookup portOwners() {
        return new ProcPortOwnerLookup();
    }

    // ---- the inbound ports, one per command ----

    @Provides
    @Singleton
    StartBackendUseCase startBackend(BackendLauncher launcher, HealthProbe probe, StatusPublisher publisher,
                                     StartupStateListener stateListener, RetryDecider retryDecider,
                                     Scheduler scheduler, Clock clock, PortOwnerLookup portOwners,
                                     ExecutorService blockingWork, RunResources resources,
                                     OwnershipVerifier ownership) {
        // One thread carries every run's events; it only ever waits for the next event.
        ExecutorService runEvents = Executors.newSingleThreadExecutor(DaemonThreads.named("lifeline-run"));
        resources.register(runEvents, runEvents::shutdownNow);
        return new StartBackendService(launcher, probe, publisher, stateListener, retryDecider, scheduler, clock,
                portOwners, profile(), new RunExecutors(runEvents, blockingWork), ownership);
    }

    /** Every backend of the app, each with its own adapters, on the one run thread every run's events share. */
    @Provides
    @Singleton
    StartAppUseCase startApp(BackendLauncher launcher, StatusPublisher publisher, StartupStateListener stateListener,
                             RetryDecider retryDecider, Scheduler scheduler, Clock clock,
                             PortOwnerLookup portOwners, ExecutorService blockingWork, RunResources resources,
                             BackendAdapters adapters) {
        ExecutorService runEvents = Executors.newSingleThreadExecutor(DaemonThreads.named("lifeline-app"));
        resources.register(runEvents, runEvents::shutdownNow);
        return new StartAppService(new StartAppService.SharedPorts(launcher, publisher, stateListener, retryDecider,
                scheduler, clock, portOwners, new ProcProcessInspector(), new RunDirLaunchRecords(config.runDir()),
                new RandomRunSecrets(), new RunExecutors(runEvents, blockingWork)), adapters);
    }

    private BackendProfile profile() {
        return profileOf(config.backend());
    }

    /** The profile of a backend, for the run and for what the commands report (the checklist, the doctor). */
    static BackendProfile profileOf(BackendSpec backend) {
        return PythonCommands.profileFor(backend.command());
    }

    @Provides
    @Singleton
    CheckBackendStatusUseCase checkStatus(HealthProbe probe, ProcessControl processes, OwnershipVerifier owners) {
        return new BackendStatusService(probe, processes, owners);
    }

    /** The proofs that a backend on the port is ours: launch records, /proc, and the challenge over HTTP. */
    @Provides
    @Singleton
    OwnershipVerifier ownership(PortOwnerLookup portOwners, BackendAdapters adapters) {
        return new OwnershipVerifier(new RunDirLaunchRecords(config.runDir()), portOwners, new ProcProcessInspector(),
                adapters.challenge(config.name(), config.backend()), profile());
    }

    @Provides
    @Singleton
    WaitForBackendUseCase waitForBackend(HealthProbe probe, Scheduler scheduler, Clock clock) {
        return new BackendWaiter(probe, scheduler, clock, new FailureClassifier(profile()));
    }

    @Provides
    @Singleton
    StopDetachedBackendUseCase stopDetached(ProcessControl processes) {
        return new DetachedBackendStopper(processes);
    }

    @Provides
    @Singleton
    DiagnoseSetupUseCase diagnoseSetup(InterpreterDiagnosis interpreters, PortOwnerLookup portOwners) {
        return new SetupDiagnosisService(interpreters, portOwners, new LocalProgramCheck());
    }

    @Provides
    @Singleton
    StartFlow startFlow(StartBackendUseCase startBackend, StartAppUseCase startApp) {
        return new StartFlow(startBackend, startApp);
    }
}
