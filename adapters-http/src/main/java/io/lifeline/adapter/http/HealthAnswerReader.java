package io.lifeline.adapter.http;

import io.lifeline.domain.model.HealthObservation;

/**
 * Reads one answer of the health endpoint (status code and body, at most {@link HttpHealthProbe#MAX_BODY_BYTES})
 * into an observation: a {@link io.lifeline.domain.model.HealthReport}, or a
 * {@link io.lifeline.domain.model.ProbeFailure} that says why it is not one. One class per answer format; the
 * probe does the transport (timeouts, redirects, sizes) for all of them.
 */
@FunctionalInterface
public interface HealthAnswerReader {

    HealthObservation read(int httpStatus, byte[] body);

    /** Lifeline's own JSON: {@code status} and {@code services} (docs/backend-contract.md). */
    static HealthAnswerReader lifelineJson() {
        return new HealthBodyParser()::parse;
    }
}
