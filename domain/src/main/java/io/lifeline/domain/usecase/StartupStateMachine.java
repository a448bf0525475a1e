package io.lifeline.domain.usecase;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.port.out.StartupStateListener;
import io.lifeline.domain.service.IllegalTransitionException;

import java.time.Instant;
import java.util.Objects;

/**
 * Holds one run's public state, rejects transitions the states do not allow and reports every one that happens.
 * Changed only by the run's driver, one event at a time; read from any thread.
 */
public final class StartupStateMachine {

    private final CorrelationId correlationId;
    private final StartupStateListener listener;
    private volatile StartupState current = new StartupState.Idle();

    public StartupStateMachine(CorrelationId correlationId, StartupStateListener listener) {
        this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public StartupState current() {
        return current;
    }

    /** @throws IllegalTransitionException if the current state does not allow {@code next} */
    public void moveTo(StartupState next, Instant at) {
        Objects.requireNonNull(next, "next");
        if (!current.canMoveTo(next)) {
            throw new IllegalTransitionException(current, next);
        }
        StartupState previous = current;
        current = next;
        listener.onTransition(correlationId, previous, next, at);
    }
}
