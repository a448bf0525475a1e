package io.lifeline.domain.port.out;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Asks a backend how it is. */
public interface HealthProbe {

    /**
     * One health request. Never completes exceptionally and always completes within about {@code timeout}:
     * every failure is a {@link io.lifeline.domain.model.ProbeFailure}.
     */
    CompletionStage<HealthObservation> probe(Endpoint endpoint, CorrelationId correlationId, Duration timeout);
}
