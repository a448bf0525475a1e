package io.lifeline.domain.port.in;

import io.lifeline.domain.model.AttachPolicy;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.SupervisionPolicy;
import io.lifeline.domain.model.TimeoutPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything one start needs: which backend, where, and under which policies.
 *
 * @param stopGrace   how long a stopped backend gets between SIGTERM and SIGKILL
 * @param supervision what happens after connect: liveness probing and restarts
 * @param launchMode  whether the backend lives and dies with this process or outlives it
 * @param attach      whether a ready backend already on the port is attached to, and on which proof
 */
public record StartBackendCommand(BackendSpec backend, Endpoint endpoint, RetryPolicy retry, TimeoutPolicy timeouts,
                                  HealthAcceptance acceptance, Duration stopGrace, SupervisionPolicy supervision,
                                  LaunchMode launchMode, AttachPolicy attach) {

    /** Between terminate and kill. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

    public StartBackendCommand {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(acceptance, "acceptance");
        Durations.requirePositive(stopGrace, "stop grace period");
        Objects.requireNonNull(supervision, "supervision");
        Objects.requireNonNull(launchMode, "launchMode");
        Objects.requireNonNull(attach, "attach");
    }

    /** Attaching to any ready answer ({@link AttachPolicy#HEALTHY}): for a front end that verifies nothing. */
    public StartBackendCommand(BackendSpec backend, Endpoint endpoint, RetryPolicy retry, TimeoutPolicy timeouts,
                               HealthAcceptance acceptance, Duration stopGrace, SupervisionPolicy supervision,
                               LaunchMode launchMode) {
        this(backend, endpoint, retry, timeouts, acceptance, stopGrace, supervision, launchMode, AttachPolicy.HEALTHY);
    }

    /** A plain start: attached, and not supervised after connect (its exit ends the run). */
    public StartBackendCommand(BackendSpec backend, Endpoint endpoint, RetryPolicy retry, TimeoutPolicy timeouts,
                               HealthAcceptance acceptance, Duration stopGrace) {
        this(backend, endpoint, retry, timeouts, acceptance, stopGrace, SupervisionPolicy.NONE, LaunchMode.ATTACHED);
    }

    public StartBackendCommand withSupervision(SupervisionPolicy value) {
        return new StartBackendCommand(backend, endpoint, retry, timeouts, acceptance, stopGrace, value, launchMode,
                attach);
    }

    public StartBackendCommand withLaunchMode(LaunchMode value) {
        return new StartBackendCommand(backend, endpoint, retry, timeouts, acceptance, stopGrace, supervision, value,
                attach);
    }

    public StartBackendCommand withBackend(BackendSpec value) {
        return new StartBackendCommand(value, endpoint, retry, timeouts, acceptance, stopGrace, supervision,
                launchMode, attach);
    }

    public StartBackendCommand withAttach(AttachPolicy value) {
        return new StartBackendCommand(backend, endpoint, retry, timeouts, acceptance, stopGrace, supervision,
                launchMode, value);
    }

    /** The seed's defaults for the given backend, supervised with the default liveness and restart policies. */
    public static StartBackendCommand withDefaults(BackendSpec backend) {
        return new StartBackendCommand(backend, Endpoint.DEFAULT, RetryPolicy.DEFAULT, TimeoutPolicy.DEFAULT,
                HealthAcceptance.DEFAULT, DEFAULT_STOP_GRACE, SupervisionPolicy.DEFAULT, LaunchMode.ATTACHED);
    }
}
