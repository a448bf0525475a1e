package io.lifeline.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.lifeline.adapter.cli.LoggingStateListener;
import io.lifeline.adapter.cli.LoggingStatusPublisher;
import io.lifeline.adapter.http.HttpHealthProbe;
import io.lifeline.adapter.process.InterpreterFinder;
import io.lifeline.adapter.process.LocalInterpreterDiagnosis;
import io.lifeline.adapter.process.LocalProcessControl;
import io.lifeline.adapter.process.LocalProcessLauncher;
import io.lifeline.adapter.process.ProcPortOwnerLookup;
import io.lifeline.adapter.process.PythonBackendProfile;
import io.lifeline.adapter.process.Resilience4jRetryDecider;
import io.lifeline.adapter.process.ScheduledExecutorScheduler;
import io.lifeline.domain.port.in.StartBackendUseCase;
import io.lifeline.domain.port.out.BackendLauncher;
import io.lifeline.domain.port.out.HealthProbe;
import io.lifeline.domain.port.out.InterpreterDiagnosis;
import io.lifeline.domain.port.out.PortOwnerLookup;
import io.lifeline.domain.port.out.ProcessControl;
import io.lifeline.domain.port.out.RetryDecider;
import io.lifeline.domain.port.out.Scheduler;
import io.lifeline.domain.port.out.StartupStateListener;
import io.lifeline.domain.port.out.StatusPublisher;
import io.lifeline.domain.usecase.RunExecutors;
import io.lifeline.domain.usecase.StartBackendService;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The one place where ports meet their adapters. */
final class LifelineModule extends AbstractModule {

    private final StatusPublisher publisher;

    LifelineModule(StatusPublisher publisher) {
        this.publisher = publisher;
    }

    @Provides
    @Singleton
    StatusPublisher publisher() {
        StatusPublisher log = new LoggingStatusPublisher();
        return event -> {
            log.publish(event);
            publisher.publish(event);
        };
    }

    @Provides
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    ScheduledExecutorService timers() {
        return Executors.newScheduledThreadPool(2, daemonThreads("lifeline-timer"));
    }

    @Provides
    @Singleton
    ExecutorService blockingWork() {
        return Executors.newCachedThreadPool(daemonThreads("lifeline-launch"));
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
        return new LocalProcessLauncher(new InterpreterFinder(), blockingWork);
    }

    @Provides
    @Singleton
    HttpHealthProbe httpHealthProbe() {
        return new HttpHealthProbe();
    }

    @Provides
    @Singleton
    HealthProbe healthProbe(HttpHealthProbe probe) {
        return probe;
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

    @Provides
    @Singleton
    StartBackendUseCase startBackend(BackendLauncher launcher, HealthProbe probe, StatusPublisher publisher,
                                     StartupStateListener stateListener, RetryDecider retryDecider,
                                     Scheduler scheduler, Clock clock, PortOwnerLookup portOwners,
                                     ExecutorService blockingWork) {
        // One thread carries every run's events; it only ever waits for the next event.
        ExecutorService runEvents = Executors.newSingleThreadExecutor(daemonThreads("lifeline-run"));
        return new StartBackendService(launcher, probe, publisher, stateListener, retryDecider, scheduler, clock,
                portOwners, new PythonBackendProfile(), new RunExecutors(runEvents, blockingWork));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
