package io.lifeline.domain.port.in;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.StartupState;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/** One run of an app, from the start request until every backend is stopped. */
public interface AppSession {

    /** Shared by every backend of the run: one id joins all their events and log lines. */
    CorrelationId correlationId();

    /** Each backend's public state, in the app's order; a backend not yet launched is idle. */
    Map<BackendName, StartupState> states();

    /** Completes once the start is decided: every backend connected, a failure, or a stop that came first. */
    CompletionStage<AppOutcome> started();

    /**
     * Completes when the run is over, by itself (a backend gave up, so the others were stopped) or by {@link #stop()}.
     * Both futures complete exceptionally only on an internal error (a bug).
     */
    CompletionStage<AppOutcome> finished();

    /**
     * Stops every backend in reverse dependency order, each with its own stop grace; a backend only attached to is let
     * go. Idempotent; completes when all are stopped.
     */
    CompletionStage<Void> stop();

    /** Kills every backend's process tree at once: the second Ctrl-C. Safe to call during a stop. */
    CompletionStage<Void> kill();
}
