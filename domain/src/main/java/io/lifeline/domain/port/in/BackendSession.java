package io.lifeline.domain.port.in;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;

import java.util.concurrent.CompletionStage;

/** One run of a start, from the request until the backend is stopped. */
public interface BackendSession {

    CorrelationId correlationId();

    StartupState state();

    /**
     * Completes once the start is decided, with the event that decided it: {@link StatusEvent.Connected},
     * {@link StatusEvent.Failed}, or {@link StatusEvent.Stopped} when {@link #stop()} came first.
     */
    CompletionStage<StatusEvent> started();

    /**
     * Completes if a connected backend that this run spawned went down and the run ends there (the restart policy
     * does not restart it); while restarts go on, it stays pending.
     * All three futures of a session complete exceptionally only on an internal error (a bug).
     */
    CompletionStage<StatusEvent.Disconnected> disconnected();

    /**
     * Completes when the run is over by itself or by {@link #stop()}, with the event that ended it:
     * {@link StatusEvent.Stopped}, {@link StatusEvent.Failed} (the start failed, or restarts gave up), or
     * {@link StatusEvent.Disconnected} (the backend went down and the restart policy does not restart it).
     */
    CompletionStage<StatusEvent> finished();

    /**
     * Stops what this run started (the whole process tree; terminate, then kill after the grace period) and
     * publishes {@code stopped}. A backend this run only attached to is left running. Idempotent.
     */
    CompletionStage<Void> stop();

    /** As {@link #stop()}, but without a grace period: the second Ctrl-C. Safe to call during a stop. */
    CompletionStage<Void> kill();
}
