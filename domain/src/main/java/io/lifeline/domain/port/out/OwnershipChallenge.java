package io.lifeline.domain.port.out;

import io.lifeline.domain.model.Endpoint;

import java.util.concurrent.CompletionStage;

/**
 * Asks the backend on an endpoint to prove it knows a secret, without the secret crossing the wire: a fresh random
 * challenge goes out, a keyed hash of it must come back. Never completes exceptionally.
 */
@FunctionalInterface
public interface OwnershipChallenge {

    /** The environment variable that gives a launched backend the run's secret (docs/backend-contract.md). */
    String SECRET_VARIABLE = "LIFELINE_SECRET";

    enum Answer {
        /** The right proof for this challenge. */
        PROVEN,
        /** A proof came back, but not the right one. */
        WRONG,
        /** No proof at all: the backend does not implement the handshake, or did not answer. */
        NONE
    }

    CompletionStage<Answer> ask(Endpoint endpoint, String secret);
}
