package io.lifeline.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff, shared by the waits between startup attempts ({@link RetryPolicy}) and before restarts
 * ({@link RestartPolicy}): {@code initialDelay}, multiplied by {@code multiplier} per further wait, capped at
 * {@code maxDelay}, spread by {@code jitter} (0 = none, 0.5 = +/-50 %).
 *
 * <p>The values are checked as given: a cap shorter than the delay is rejected, never silently raised. Deciding that
 * a default cap follows a longer configured delay is the configuration's job, not this value's.
 */
public record Backoff(Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {

    /** The seed's {@code retryDelay: 2000}. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(2);
    /** Delays 2 s, 4 s, 8 s, ... */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(60);
    public static final double DEFAULT_JITTER = 0.0;
    public static final double MAX_MULTIPLIER = 10.0;

    public static final Backoff DEFAULT = new Backoff(DEFAULT_INITIAL_DELAY, DEFAULT_MULTIPLIER, DEFAULT_MAX_DELAY,
            DEFAULT_JITTER);

    public Backoff {
        check("backoff", initialDelay, multiplier, maxDelay, jitter);
    }

    /**
     * As the constructor, but the messages name what the backoff is for: {@code "retry"} gives
     * "retry delay must be positive", "max retry delay (1s) must not be shorter than the retry delay (2s)", ...
     */
    public static Backoff of(String purpose, Duration initialDelay, double multiplier, Duration maxDelay,
                             double jitter) {
        check(purpose, initialDelay, multiplier, maxDelay, jitter);
        return new Backoff(initialDelay, multiplier, maxDelay, jitter);
    }

    private static void check(String purpose, Duration initialDelay, double multiplier, Duration maxDelay,
                              double jitter) {
        Objects.requireNonNull(purpose, "purpose");
        Durations.requirePositive(initialDelay, purpose + " delay");
        Durations.requirePositive(maxDelay, "max " + purpose + " delay");
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("max " + purpose + " delay (" + Durations.format(maxDelay)
                    + ") must not be shorter than the " + purpose + " delay (" + Durations.format(initialDelay) + ")");
        }
        if (!(multiplier >= 1.0 && multiplier <= MAX_MULTIPLIER)) {
            throw new IllegalArgumentException(purpose + " multiplier must be between 1 and 10, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException(purpose + " jitter must be between 0 and 1, was " + jitter);
        }
    }

    /**
     * The n-th wait: {@code initialDelay * multiplier^(n-1)}, spread by the jitter, capped, and at least 1 ms.
     *
     * @param n        1 for the first wait
     * @param random01 a uniformly distributed value in [0, 1), only used when {@code jitter > 0}
     */
    public Duration delay(int n, double random01) {
        if (n < 1) {
            throw new IllegalArgumentException("the wait number must be >= 1, was " + n);
        }
        double base = initialDelay.toMillis() * Math.pow(multiplier, n - 1);
        double spread = base * (1 + jitter * (2 * random01 - 1));
        long millis = (long) Math.min(spread, maxDelay.toMillis());
        return Duration.ofMillis(Math.max(millis, 1));
    }
}
