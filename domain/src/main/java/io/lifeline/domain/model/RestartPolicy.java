package io.lifeline.domain.model;

import java.time.Duration;
import java.util.Locale;

/**
 * What happens when a connected backend goes down: whether it is restarted ({@link Mode}), how long to wait first
 * (exponential from {@code initialDelay}, x{@code multiplier}, capped at {@code maxDelay}, spread by {@code jitter}),
 * when to give up ({@code maxRestarts} within {@code window}, like systemd's StartLimitBurst/IntervalSec), and when
 * the backoff starts over (after {@code stableAfter} of health, like PM2).
 */
public record RestartPolicy(Mode mode, Duration initialDelay, double multiplier, Duration maxDelay, double jitter,
                            int maxRestarts, Duration window, Duration stableAfter) {

    public enum Mode {
        /** Restart after a non-zero exit, a signal, or a failed liveness check; a clean exit (code 0) ends the run. */
        ON_FAILURE,
        /** Restart whatever the exit. */
        ALWAYS,
        /** Never restart: a backend that goes down ends the run. */
        NEVER;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final Mode DEFAULT_MODE = Mode.ON_FAILURE;
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(2);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(60);
    public static final double DEFAULT_JITTER = 0.0;
    public static final int DEFAULT_MAX_RESTARTS = 5;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    public static final Duration DEFAULT_STABLE_AFTER = Duration.ofSeconds(30);

    public static final RestartPolicy DEFAULT = new RestartPolicy(DEFAULT_MODE, DEFAULT_INITIAL_DELAY,
            DEFAULT_MULTIPLIER, DEFAULT_MAX_DELAY, DEFAULT_JITTER, DEFAULT_MAX_RESTARTS, DEFAULT_WINDOW,
            DEFAULT_STABLE_AFTER);
    public static final RestartPolicy NEVER = DEFAULT.withMode(Mode.NEVER);

    public RestartPolicy {
        java.util.Objects.requireNonNull(mode, "restart mode");
        Durations.requirePositive(initialDelay, "restart delay");
        Durations.requirePositive(maxDelay, "max restart delay");
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("max restart delay (" + Durations.format(maxDelay)
                    + ") must not be shorter than the restart delay (" + Durations.format(initialDelay) + ")");
        }
        if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
            throw new IllegalArgumentException("restart multiplier must be between 1 and 10, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("restart jitter must be between 0 and 1, was " + jitter);
        }
        if (maxRestarts < 1 || maxRestarts > 1000) {
            throw new IllegalArgumentException("max restarts must be between 1 and 1000, was " + maxRestarts);
        }
        Durations.requirePositive(window, "restart window");
        Durations.requirePositive(stableAfter, "stable period");
    }

    /** The wait before the given restart (1 for the first restart since the backend was last stable). */
    public Duration delayBefore(int restart, double random01) {
        if (restart < 1) {
            throw new IllegalArgumentException("restart must be >= 1, was " + restart);
        }
        // The same exponential arithmetic as between startup attempts.
        return new RetryPolicy(1, initialDelay, multiplier, maxDelay, jitter).delayAfter(restart, random01);
    }

    /** Whether an exit with this code (empty: killed by a signal or unknown) or a failed liveness check restarts. */
    public boolean restartsAfter(java.util.OptionalInt exitCode) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ON_FAILURE -> exitCode.isEmpty() || exitCode.getAsInt() != 0;
        };
    }

    public RestartPolicy withMode(Mode value) {
        return new RestartPolicy(value, initialDelay, multiplier, maxDelay, jitter, maxRestarts, window, stableAfter);
    }

    public RestartPolicy withInitialDelay(Duration value) {
        Duration cap = maxDelay.compareTo(value) < 0 ? value : maxDelay;
        return new RestartPolicy(mode, value, multiplier, cap, jitter, maxRestarts, window, stableAfter);
    }

    public RestartPolicy withLimit(int restarts, Duration within) {
        return new RestartPolicy(mode, initialDelay, multiplier, maxDelay, jitter, restarts, within, stableAfter);
    }

    public RestartPolicy withStableAfter(Duration value) {
        return new RestartPolicy(mode, initialDelay, multiplier, maxDelay, jitter, maxRestarts, window, value);
    }
}
