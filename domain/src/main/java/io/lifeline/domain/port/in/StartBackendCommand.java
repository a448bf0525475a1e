package io.lifeline.domain.port.in;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.TimeoutPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything one start needs: which backend, where, and under which policies.
 *
 * @param stopGrace how long a stopped backend gets between SIGTERM and SIGKILL
 */
public record StartBackendCommand(BackendSpec backend, Endpoint endpoint, RetryPolicy retry, TimeoutPolicy timeouts,
                                  HealthAcceptance acceptance, Duration stopGrace) {

    /** Between terminate and kill. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

    public StartBackendCommand {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(acceptance, "acceptance");
        Durations.requirePositive(stopGrace, "stop grace period");
    }

    /** The seed's defaults for the given backend. */
    public static StartBackendCommand withDefaults(BackendSpec backend) {
        return new StartBackendCommand(backend, Endpoint.DEFAULT, RetryPolicy.DEFAULT, TimeoutPolicy.DEFAULT,
                HealthAcceptance.DEFAULT, DEFAULT_STOP_GRACE);
    }
}
