package io.lifeline.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a front end is told about the backend: the seed's {@code backend-status} message, for any front end.
 * Every event carries the run's correlation id and when it happened.
 */
public sealed interface StatusEvent {

    CorrelationId correlationId();

    Instant timestamp();

    /** Lower-case event name, stable for scripts: {@code connected}, {@code retrying}, ... */
    String name();

    /** A process was spawned for this attempt. */
    record Launching(CorrelationId correlationId, Instant timestamp, Endpoint endpoint, int attempt,
                     int maxAttempts, long pid) implements StatusEvent {
        @Override
        public String name() {
            return "launching";
        }
    }

    /**
     * @param pid     the backend's pid; for an attached backend the pid it reports, if any
     * @param elapsed from the start request until ready
     */
    record Connected(CorrelationId correlationId, Instant timestamp, Endpoint endpoint, OptionalLong pid,
                     int attempt, Duration elapsed, boolean attached) implements StatusEvent {
        @Override
        public String name() {
            return "connected";
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
        public String name() {
            return "retrying";
        }
    }

    /** A connected backend failed its liveness checks (see {@link LivenessPolicy}). */
    record Unhealthy(CorrelationId correlationId, Instant timestamp, String reason) implements StatusEvent {
        @Override
        public String name() {
            return "unhealthy";
        }
    }

    record Degraded(CorrelationId correlationId, Instant timestamp, Map<String, String> services)
            implements StatusEvent {
        public Degraded {
            services = Map.copyOf(services);
        }

        @Override
        public String name() {
            return "degraded";
        }
    }

    /** A connected backend went away on its own. */
    record Disconnected(CorrelationId correlationId, Instant timestamp, OptionalLong pid, OptionalInt exitCode,
                        List<String> lastOutput) implements StatusEvent {
        public Disconnected {
            lastOutput = List.copyOf(lastOutput);
        }

        @Override
        public String name() {
            return "disconnected";
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
        public String name() {
            return "failed";
        }
    }

    /** Lifeline stopped the backend it started, or let go of one it only attached to. */
    record Stopped(CorrelationId correlationId, Instant timestamp, String detail) implements StatusEvent {
        @Override
        public String name() {
            return "stopped";
        }
    }
}
