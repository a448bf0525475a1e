package io.lifeline.domain.port.in;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.TimeoutPolicy;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Waits for a backend that something else starts to become ready, under the same health contract, acceptance and
 * timeouts as a start: what {@code wait-on} does, but a backend answering "cache: unhealthy" is not ready.
 */
public interface WaitForBackendUseCase {

    /** Never completes exceptionally: not ready in time is an {@link Outcome.NotReady} with its cause. */
    CompletionStage<Outcome> waitUntilReady(Endpoint endpoint, CorrelationId correlationId,
                                            HealthAcceptance acceptance, TimeoutPolicy timeouts);

    sealed interface Outcome {

        /** @param waited from the first probe until the ready answer */
        record Ready(HealthVerdict verdict, Duration waited, int probes) implements Outcome {
            public Ready {
                Objects.requireNonNull(verdict, "verdict");
                Objects.requireNonNull(waited, "waited");
            }
        }

        record NotReady(StartupFailure cause, int probes) implements Outcome {
            public NotReady {
                Objects.requireNonNull(cause, "cause");
            }
        }
    }
}
