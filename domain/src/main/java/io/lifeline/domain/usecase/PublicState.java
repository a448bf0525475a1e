package io.lifeline.domain.usecase;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.port.out.StartupStateListener;

import java.time.Instant;
import java.util.Objects;

/**
 * Holds one run's public state, as the run's transitions set it, and reports every change. Not a second machine: which
 * state follows which is the transition table's alone. Changed only by the run's driver, one event at a time; read
 * from any thread.
 */
public final class PublicState {

    private final CorrelationId correlationId;
    private final StartupStateListener listener;
    private volatile StartupState current = new StartupState.Idle();

    public PublicState(CorrelationId correlationId, StartupStateListener listener) {
        this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public StartupState current() {
        return current;
    }

    public void moveTo(StartupState next, Instant at) {
        Objects.requireNonNull(next, "next");
        StartupState previous = current;
        current = next;
        listener.onTransition(correlationId, previous, next, at);
    }
}
