package io.lifeline.domain.model;

import java.time.Duration;

/**
 * How often a failed start is tried again and how long to wait in between: exponential backoff from
 * {@code initialDelay}, multiplied by {@code multiplier} per failed attempt, capped at {@code maxDelay}, optionally
 * spread by {@code jitter} (0 = none, 0.5 = +/-50 %).
 *
 * @param maxAttempts total launch attempts including the first (the seed's {@code maxRetries}); 1 disables retries
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {

    /** The seed's {@code maxRetries: 3}: three launches in total. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** The seed's {@code retryDelay: 2000}. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(2);
    /** Delays 2 s, 4 s, 8 s, ... */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(60);
    public static final double DEFAULT_JITTER = 0.0;
    /** More attempts than this is a configuration mistake, not a policy. */
    public static final int MAX_ALLOWED_ATTEMPTS = 100;

    public static final RetryPolicy DEFAULT = new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_DELAY,
            DEFAULT_MULTIPLIER, DEFAULT_MAX_DELAY, DEFAULT_JITTER);

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > MAX_ALLOWED_ATTEMPTS) {
            throw new IllegalArgumentException(
                    "max attempts must be between 1 and " + MAX_ALLOWED_ATTEMPTS + ", was " + maxAttempts);
        }
        Durations.requirePositive(initialDelay, "retry delay");
        Durations.requirePositive(maxDelay, "max retry delay");
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("max retry delay (" + Durations.format(maxDelay)
                    + ") must not be shorter than the retry delay (" + Durations.format(initialDelay) + ")");
        }
        if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
            throw new IllegalArgumentException("retry multiplier must be between 1 and 10, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("retry jitter must be between 0 and 1, was " + jitter);
        }
    }

    /**
     * The wait after the given failed attempt, before the next one.
     *
     * @param failedAttempt 1 for the wait after the first attempt
     * @param random01      a uniformly distributed value in [0, 1), only used when {@code jitter > 0}
     */
    public Duration delayAfter(int failedAttempt, double random01) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("failed attempt must be >= 1, was " + failedAttempt);
        }
        double base = initialDelay.toMillis() * Math.pow(multiplier, failedAttempt - 1);
        double spread = base * (1 + jitter * (2 * random01 - 1));
        long millis = (long) Math.min(spread, maxDelay.toMillis());
        return Duration.ofMillis(Math.max(millis, 1));
    }

    public RetryPolicy withMaxAttempts(int value) {
        return new RetryPolicy(value, initialDelay, multiplier, maxDelay, jitter);
    }

    public RetryPolicy withInitialDelay(Duration value) {
        Duration cap = maxDelay.compareTo(value) < 0 ? value : maxDelay;
        return new RetryPolicy(maxAttempts, value, multiplier, cap, jitter);
    }

    public RetryPolicy withJitter(double value) {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, value);
    }

    public RetryPolicy withMaxDelay(Duration value) {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, value, jitter);
    }
}
