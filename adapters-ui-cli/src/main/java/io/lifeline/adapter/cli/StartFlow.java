package io.lifeline.adapter.cli;

import io.lifeline.domain.port.in.StartBackendUseCase;
import io.lifeline.domain.port.out.StatusPublisher;

/**
 * The start flow wired to real adapters, opened by the composition root for one command run. Closing it releases
 * its threads.
 */
public interface StartFlow extends AutoCloseable {

    StartBackendUseCase startBackend();

    @Override
    void close();

    /** How a command gets a flow without knowing how it is wired. */
    @FunctionalInterface
    interface Factory {
        StartFlow open(StatusPublisher publisher);
    }
}
