package io.lifeline.domain.usecase;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.port.out.StartupStateListener;
import io.lifeline.domain.service.IllegalTransitionException;

import java.time.Clock;
import java.util.Objects;

/** Holds one run's current state, rejects transitions the states do not allow and reports every one that happens. */
public final class StartupStateMachine {

    private final CorrelationId correlationId;
    private final Clock clock;
    private final StartupStateListener listener;
    private StartupState current = new StartupState.Idle();

    public StartupStateMachine(CorrelationId correlationId, Clock clock, StartupStateListener listener) {
        this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public synchronized StartupState current() {
        return current;
    }

    /** @throws IllegalTransitionException if the current state does not allow {@code next} */
    public synchronized void moveTo(StartupState next) {
        Objects.requireNonNull(next, "next");
        if (!current.canMoveTo(next)) {
            throw new IllegalTransitionException(current, next);
        }
        StartupState previous = current;
        current = next;
        listener.onTransition(correlationId, previous, next, clock.instant());
    }
}
