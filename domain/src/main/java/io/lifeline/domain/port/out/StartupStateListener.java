package io.lifeline.domain.port.out;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.StartupState;

import java.time.Instant;

/** Sees every state transition of every run, e.g. to log it. Must not block. */
@FunctionalInterface
public interface StartupStateListener {

    StartupStateListener NONE = (id, from, to, at) -> { };

    void onTransition(CorrelationId correlationId, StartupState from, StartupState to, Instant at);
}
