package io.lifeline.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.lifeline.adapter.cli.StartFlow;
import io.lifeline.adapter.http.HttpHealthProbe;
import io.lifeline.domain.port.in.StartBackendUseCase;
import io.lifeline.domain.port.out.HealthProbe;
import io.lifeline.domain.port.out.InterpreterDiagnosis;
import io.lifeline.domain.port.out.PortOwnerLookup;
import io.lifeline.domain.port.out.ProcessControl;
import io.lifeline.domain.port.out.StatusPublisher;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Opens the start flow wired to the real adapters. The CLI uses it, and so can any other front end (a GUI, a test):
 * it only brings its own {@link StatusPublisher}.
 */
public final class Lifeline {

    private Lifeline() {
    }

    public static StartFlow open(StatusPublisher publisher) {
        Injector injector = Guice.createInjector(new LifelineModule(publisher));
        StartBackendUseCase useCase = injector.getInstance(StartBackendUseCase.class);
        ScheduledExecutorService timers = injector.getInstance(ScheduledExecutorService.class);
        ExecutorService blockingWork = injector.getInstance(ExecutorService.class);
        HttpHealthProbe probe = injector.getInstance(HttpHealthProbe.class);
        ProcessControl processes = injector.getInstance(ProcessControl.class);
        InterpreterDiagnosis interpreters = injector.getInstance(InterpreterDiagnosis.class);
        PortOwnerLookup portOwners = injector.getInstance(PortOwnerLookup.class);
        return new StartFlow() {
            @Override
            public StartBackendUseCase startBackend() {
                return useCase;
            }

            @Override
            public HealthProbe healthProbe() {
                return probe;
            }

            @Override
            public ProcessControl processes() {
                return processes;
            }

            @Override
            public InterpreterDiagnosis interpreters() {
                return interpreters;
            }

            @Override
            public PortOwnerLookup portOwners() {
                return portOwners;
            }

            @Override
            public void close() {
                timers.shutdownNow();
                blockingWork.shutdownNow();
                probe.close();
            }
        };
    }
}
