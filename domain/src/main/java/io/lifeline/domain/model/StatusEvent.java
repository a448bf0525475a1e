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

    /** The backend of the app this event is about ({@link BackendName#DEFAULT} for a one-backend config). */
    BackendName backend();

    /** The same event about the named backend: the run stamps its backend's name on every event it publishes. */
    StatusEvent withBackend(BackendName name);

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
        LAUNCHING, CONNECTED, COMPLETED, RETRYING, UNHEALTHY, DEGRADED, DISCONNECTED, FAILED, SKIPPED, STOPPED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A process was spawned for this attempt. */
    record Launching(CorrelationId correlationId, Instant timestamp, Endpoint endpoint, int attempt,
                     int maxAttempts, long pid, BackendName backend) implements StatusEvent {
        public Launching {
            Objects.requireNonNull(backend, "backend");
        }

        public Launching(CorrelationId correlationId, Instant timestamp, Endpoint endpoint, int attempt,
                         int maxAttempts, long pid) {
            this(correlationId, timestamp, endpoint, attempt, maxAttempts, pid, BackendName.DEFAULT);
        }

        @Override
        public Kind kind() {
            return Kind.LAUNCHING;
        }

        @Override
        public Launching withBackend(BackendName name) {
            if (name.equals(backend)) {
                return this;
            }
            return new Launching(correlationId, timestamp, endpoint, attempt, maxAttempts, pid, name);
        }
    }

    /**
     * @param pid     the backend's pid; for an attached backend the pid it reports, if any
     * @param elapsed from the start request until ready
     */
    record Connected(CorrelationId correlationId, Instant timestamp, Endpoint endpoint, OptionalLong pid,
                     int attempt, Duration elapsed, boolean attached, Optional<Ownership.Proven> proof,
                     BackendName backend) implements StatusEvent {
        public Connected {
            Objects.requireNonNull(proof, "proof");
            Objects.requireNonNull(backend, "backend");
        }

        public Connected(CorrelationId correlationId, Instant timestamp, Endpoint endpoint, OptionalLong pid,
                         int attempt, Duration elapsed, boolean attached, Optional<Ownership.Proven> proof) {
            this(correlationId, timestamp, endpoint, pid, attempt, elapsed, attached, proof, BackendName.DEFAULT);
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

        @Override
        public Connected withBackend(BackendName name) {
            if (name.equals(backend)) {
                return this;
            }
            return new Connected(correlationId, timestamp, endpoint, pid, attempt, elapsed, attached, proof, name);
        }
    }

    /**
     * A one-shot job (a backend its dependants wait for to complete) exited with code 0: its run is over.
     *
     * @param elapsed from the start request until it exited
     */
    record Completed(CorrelationId correlationId, Instant timestamp, long pid, int attempt, Duration elapsed,
                     BackendName backend) implements StatusEvent {
        public Completed {
            Objects.requireNonNull(elapsed, "elapsed");
            Objects.requireNonNull(backend, "backend");
        }

        @Override
        public Kind kind() {
            return Kind.COMPLETED;
        }

        @Override
        public Completed withBackend(BackendName name) {
            if (name.equals(backend)) {
                return this;
            }
            return new Completed(correlationId, timestamp, pid, attempt, elapsed, name);
        }
    }

    /**
     * An attempt failed with a retryable cause, or a connected backend went down; the next launch starts after
     * {@code delay}.
     *
     * @param restart 0 for a retry during startup; 1, 2, ... for restarts after the backend was connected
     */
    record Retrying(CorrelationId correlationId, Instant timestamp, int nextAttempt, int maxAttempts,
                    Duration delay, StartupFailure cause, int restart, BackendName backend) implements StatusEvent {
        public Retrying {
            Objects.requireNonNull(backend, "backend");
        }

        public Retrying(CorrelationId correlationId, Instant timestamp, int nextAttempt, int maxAttempts,
                        Duration delay, StartupFailure cause, int restart) {
            this(correlationId, timestamp, nextAttempt, maxAttempts, delay, cause, restart, BackendName.DEFAULT);
        }

        public Retrying(CorrelationId correlationId, Instant timestamp, int nextAttempt, int maxAttempts,
                        Duration delay, StartupFailure cause) {
            this(correlationId, timestamp, nextAttempt, maxAttempts, delay, cause, 0);
        }

        @Override
        public Kind kind() {
            return Kind.RETRYING;
        }

        @Override
        public Retrying withBackend(BackendName name) {
            if (name.equals(backend)) {
                return this;
            }
            return new Retrying(correlationId, timestamp, nextAttempt, maxAttempts, delay, cause, restart, name);
        }
    }

    /** A connected backend failed its liveness checks (see {@link LivenessPolicy}). */
    record Unhealthy(CorrelationId correlationId, Instant timestamp, String reason, BackendName backend)
            implements StatusEvent {
        public Unhealthy {
            Objects.requireNonNull(backend, "backend");
        }

        public Unhealthy(CorrelationId correlationId, Instant timestamp, String reason) {
            this(correlationId, timestamp, reason, BackendName.DEFAULT);
        }

        @Override
        public Kind kind() {
            return Kind.UNHEALTHY;
        }

        @Override
        public Unhealthy withBackend(BackendName name) {
            if (name.equals(backend)) {
                return this;
            }
            return new Unhealthy(correlationId, timestamp, reason, name);
        }
    }

    record Degraded(CorrelationId correlationId, Instant timestamp, Map<String, String> services,
                    BackendName backend) implements StatusEvent {
        public Degraded {
            services = Map.copyOf(services);
            Objects.requireNonNull(backend, "backend");
        }

        public Degraded(CorrelationId correlationId, Instant timestamp, Map<String, String> services) {
            this(correlationId, timestamp, services, BackendName.DEFAULT);
        }

        @Override
        public Kind kind() {
            return Kind.DEGRADED;
        }

        @Override
        public Degraded withBackend(BackendName name) {
            if (name.equals(backend)) {
                return this;
            }
            return new Degraded(correlationId, timestamp, services, name);
        }
    }

    /** A connected backend went away on its own. */
    record Disconnected(CorrelationId correlationId, Instant timestamp, OptionalLong pid, OptionalInt exitCode,
                        List<String> lastOutput, BackendName backend) implements StatusEvent {
        public Disconnected {
            lastOutput = List.copyOf(lastOutput);
            Objects.requireNonNull(backend, "backend");
        }

        public Disconnected(CorrelationId correlationId, Instant timestamp, OptionalLong pid, OptionalInt exitCode,
                            List<String> lastOutput) {
            this(correlationId, timestamp, pid, exitCode, lastOutput, BackendName.DEFAULT);
        }

        @Override
        public Kind kind() {
            return Kind.DISCONNECTED;
        }

        @Override
        public Disconnected withBackend(BackendName name) {
            if (name.equals(backend)) {
                return this;
            }
            return new Disconnected(correlationId, timestamp, pid, exitCode, lastOutput, name);
        }
    }

    /** The start gave up. {@code lastOutput} is the backend's last output lines, oldest first. */
    record Failed(CorrelationId correlationId, Instant timestamp, StartupFailure cause, int attempts,
                  List<String> lastOutput, BackendName backend) implements StatusEvent {
        public Failed {
            Objects.requireNonNull(cause, "cause");
            lastOutput = List.copyOf(lastOutput);
            Objects.requireNonNull(backend, "backend");
        }

        public Failed(CorrelationId correlationId, Instant timestamp, StartupFailure cause, int attempts,
                      List<String> lastOutput) {
            this(correlationId, timestamp, cause, attempts, lastOutput, BackendName.DEFAULT);
        }

        @Override
        public Kind kind() {
            return Kind.FAILED;
        }

        @Override
        public Failed withBackend(BackendName name) {
            if (name.equals(backend)) {
                return this;
            }
            return new Failed(correlationId, timestamp, cause, attempts, lastOutput, name);
        }
    }

    /**
     * A backend of an app was never launched, because a backend it depends on failed or missed its timeout.
     *
     * @param root   the backend whose failure took this one down
     * @param reason why, in one line: {@code api failed: exited during startup}
     */
    record Skipped(CorrelationId correlationId, Instant timestamp, BackendName root, String reason,
                   BackendName backend) implements StatusEvent {
        public Skipped {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(backend, "backend");
        }

        @Override
        public Kind kind() {
            return Kind.SKIPPED;
        }

        @Override
        public Skipped withBackend(BackendName name) {
            if (name.equals(backend)) {
                return this;
            }
            return new Skipped(correlationId, timestamp, root, reason, name);
        }
    }

    /** Lifeline stopped the backend it started, or let go of one it only attached to. */
    record Stopped(CorrelationId correlationId, Instant timestamp, String detail, BackendName backend)
            implements StatusEvent {
        public Stopped {
            Objects.requireNonNull(backend, "backend");
        }

        public Stopped(CorrelationId correlationId, Instant timestamp, String detail) {
            this(correlationId, timestamp, detail, BackendName.DEFAULT);
        }

        @Override
        public Kind kind() {
            return Kind.STOPPED;
        }

        @Override
        public Stopped withBackend(BackendName name) {
            if (name.equals(backend)) {
                return this;
            }
            return new Stopped(correlationId, timestamp, detail, name);
        }
    }
}
