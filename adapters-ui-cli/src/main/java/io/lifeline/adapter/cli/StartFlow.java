package io.lifeline.adapter.cli;

import io.lifeline.domain.port.in.StartBackendUseCase;
import io.lifeline.domain.port.out.HealthProbe;
import io.lifeline.domain.port.out.InterpreterDiagnosis;
import io.lifeline.domain.port.out.PortOwnerLookup;
import io.lifeline.domain.port.out.ProcessControl;
import io.lifeline.domain.port.out.StatusPublisher;

/**
 * The start flow wired to real adapters, opened by the composition root for one command run. Closing it releases
 * its threads.
 */
public interface StartFlow extends AutoCloseable {

    StartBackendUseCase startBackend();

    /** For {@code status}: one probe of a backend, wherever it came from. */
    HealthProbe healthProbe();

    /** For {@code stop}: ends a detached backend's process tree. */
    ProcessControl processes();

    /** For {@code doctor}: every interpreter candidate, checked. */
    InterpreterDiagnosis interpreters();

    /** For {@code doctor}: who holds a port. */
    PortOwnerLookup portOwners();

    @Override
    void close();

    /** How a command gets a flow without knowing how it is wired. */
    @FunctionalInterface
    interface Factory {
        StartFlow open(StatusPublisher publisher);
    }
}
