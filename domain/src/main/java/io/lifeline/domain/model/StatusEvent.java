package io.lifeline.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a front end is told about the backend: the seed's {@code backend-status} message, for any front end.
 * Every event carries the run's correlation id and when it happened.
 */
public sealed interface StatusEvent {

    CorrelationId correlationId();

    Instant timestamp();

    /**
     * Which event this is, for front ends that dispatch on it: an exhaustive {@code switch} over the kind fails to
     * compile when a new event is added, where a chain of {@code instanceof} tests would only fail at run time.
     */
    Kind kind();

    /** Lower-case event name, stable for scripts: {@code connected}, {@code retrying}, ... */
    default String name() {
        return kind().label();
    }

    /** One constant per event record; {@link #label()} is the event's stable name. */
    enum Kind {
        LAUNCHING, CONNECTED, RETRYING, UNHEALTHY, DEGRADED, DISCONNECTED, FAILED, STOPPED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A process was spawned for this attempt. */
    record Launching(CorrelationId correlationId, Instant timestamp, Endpoint endpoint, int attempt,
                     int maxAttempts, long pid) implements StatusEvent {
        @Override
        public Kind kind() {
            return Kind.LAUNCHING;
        }
    }

    /**
     * @param pid     the backend's pid; for an attached backend the pid it reports, if any
     * @param elapsed from the start request until ready
     */
    record Connected(CorrelationId correlationId, Instant timestamp, Endpoint endpoint, OptionalLong pid,
                     int attempt, Duration elapsed, boolean attached, Optional<Ownership.Proven> proof)
            implements StatusEvent {
        public Connected {
            java.util.Objects.requireNonNull(proof, "proof");
        }

        /** Connected without a proof: one this run launched, or one attached to without verifying. */
        public Connected(CorrelationId correlationId, Instant timestamp, Endpoint endpoint, OptionalLong pid,
                         int attempt, Duration elapsed, boolean attached) {
            this(correlationId, timestamp, endpoint, pid, attempt, elapsed, attached, Optional.empty());
        }

        @Override
        public Kind kind() {
            return Kind.CONNECTED;
        }
    }

    /**
     * An attempt failed with a retryable cause, or a connected backend went down; the next launch starts after
     * {@code delay}.
     *
     * @param restart 0 for a retry during startup; 1, 2, ... for restarts after the backend was connected
     */
    record Retrying(CorrelationId correlationId, Instant timestamp, int nextAttempt, int maxAttempts,
                    Duration delay, StartupFailure cause, int restart) implements StatusEvent {
        public Retrying(CorrelationId correlationId, Instant timestamp, int nextAttempt, int maxAttempts,
                        Duration delay, StartupFailure cause) {
            this(correlationId, timestamp, nextAttempt, maxAttempts, delay, cause, 0);
        }

        @Override
        public Kind kind() {
            return Kind.RETRYING;
        }
    }

    /** A connected backend failed its liveness checks (see {@link LivenessPolicy}). */
    record Unhealthy(CorrelationId correlationId, Instant timestamp, String reason) implements StatusEvent {
        @Override
        public Kind kind() {
            return Kind.UNHEALTHY;
        }
    }

    record Degraded(CorrelationId correlationId, Instant timestamp, Map<String, String> services)
            implements StatusEvent {
        public Degraded {
            services = Map.copyOf(services);
        }

        @Override
        public Kind kind() {
            return Kind.DEGRADED;
        }
    }

    /** A connected backend went away on its own. */
    record Disconnected(CorrelationId correlationId, Instant timestamp, OptionalLong pid, OptionalInt exitCode,
                        List<String> lastOutput) implements StatusEvent {
        public Disconnected {
            lastOutput = List.copyOf(lastOutput);
        }

        @Override
        public Kind kind() {
            return Kind.DISCONNECTED;
        }
    }

    /** The start gave up. {@code lastOutput} is the backend's last output lines, oldest first. */
    record Failed(CorrelationId correlationId, Instant timestamp, StartupFailure cause, int attempts,
                  List<String> lastOutput) implements StatusEvent {
        public Failed {
            Objects.requireNonNull(cause, "cause");
            lastOutput = List.copyOf(lastOutput);
        }

        @Override
        public Kind kind() {
            return Kind.FAILED;
        }
    }

    /** Lifeline stopped the backend it started, or let go of one it only attached to. */
    record Stopped(CorrelationId correlationId, Instant timestamp, String detail) implements StatusEvent {
        @Override
        public Kind kind() {
            return Kind.STOPPED;
        }
    }
}
