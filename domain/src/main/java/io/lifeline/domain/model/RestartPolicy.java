package io.lifeline.domain.model;

import java.time.Duration;
import java.util.Locale;

/**
 * What happens when a connected backend goes down: whether it is restarted ({@link Mode}), how long to wait first
 * (a {@link Backoff}, the same arithmetic as between startup attempts), when to give up ({@code maxRestarts} within
 * {@code window}, like systemd's StartLimitBurst/IntervalSec), and when the backoff starts over (after
 * {@code stableAfter} of health, like PM2).
 */
public record RestartPolicy(Mode mode, Backoff backoff, int maxRestarts, Duration window, Duration stableAfter) {

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
    public static final Duration DEFAULT_INITIAL_DELAY = Backoff.DEFAULT_INITIAL_DELAY;
    public static final double DEFAULT_MULTIPLIER = Backoff.DEFAULT_MULTIPLIER;
    public static final Duration DEFAULT_MAX_DELAY = Backoff.DEFAULT_MAX_DELAY;
    public static final double DEFAULT_JITTER = Backoff.DEFAULT_JITTER;
    /** More restarts than this within one window is a configuration mistake, not a policy. */
    public static final int MAX_ALLOWED_RESTARTS = 1000;
    public static final int DEFAULT_MAX_RESTARTS = 5;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    public static final Duration DEFAULT_STABLE_AFTER = Duration.ofSeconds(30);

    public static final RestartPolicy DEFAULT = new RestartPolicy(DEFAULT_MODE, Backoff.DEFAULT, DEFAULT_MAX_RESTARTS,
            DEFAULT_WINDOW, DEFAULT_STABLE_AFTER);
    public static final RestartPolicy NEVER = DEFAULT.withMode(Mode.NEVER);

    private static final String PURPOSE = "restart";

    public RestartPolicy {
        java.util.Objects.requireNonNull(mode, "restart mode");
        java.util.Objects.requireNonNull(backoff, "restart backoff");
        if (maxRestarts < 1 || maxRestarts > MAX_ALLOWED_RESTARTS) {
            throw new IllegalArgumentException("max restarts must be between 1 and " + MAX_ALLOWED_RESTARTS
                    + ", was " + maxRestarts);
        }
        Durations.requirePositive(window, "restart window");
        Durations.requirePositive(stableAfter, "stable period");
    }

    /** Every value given; the backoff's messages say "restart delay", "max restart delay", ... */
    public RestartPolicy(Mode mode, Duration initialDelay, double multiplier, Duration maxDelay, double jitter,
                         int maxRestarts, Duration window, Duration stableAfter) {
        this(mode, Backoff.of(PURPOSE, initialDelay, multiplier, maxDelay, jitter), maxRestarts, window, stableAfter);
    }

    public Duration initialDelay() {
        return backoff.initialDelay();
    }

    public double multiplier() {
        return backoff.multiplier();
    }

    public Duration maxDelay() {
        return backoff.maxDelay();
    }

    public double jitter() {
        return backoff.jitter();
    }

    /** The wait before the given restart (1 for the first restart since the backend was last stable). */
    public Duration delayBefore(int restart, double random01) {
        if (restart < 1) {
            throw new IllegalArgumentException("restart must be >= 1, was " + restart);
        }
        return backoff.delay(restart, random01);
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
        return new RestartPolicy(value, backoff, maxRestarts, window, stableAfter);
    }

    public RestartPolicy withBackoff(Backoff value) {
        return new RestartPolicy(mode, value, maxRestarts, window, stableAfter);
    }

    /** Changes only the delay: a delay longer than the cap is rejected, whatever order the values are set in. */
    public RestartPolicy withInitialDelay(Duration value) {
        return new RestartPolicy(mode, value, multiplier(), maxDelay(), jitter(), maxRestarts, window, stableAfter);
    }

    public RestartPolicy withLimit(int restarts, Duration within) {
        return new RestartPolicy(mode, backoff, restarts, within, stableAfter);
    }

    public RestartPolicy withStableAfter(Duration value) {
        return new RestartPolicy(mode, backoff, maxRestarts, window, value);
    }
}
