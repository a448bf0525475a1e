package io.lifeline.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a failed start is tried again and how long to wait in between (a {@link Backoff}).
 *
 * @param maxAttempts total launch attempts including the first (the seed's {@code maxRetries}); 1 disables retries
 * @param backoff     the waits between attempts
 */
public record RetryPolicy(int maxAttempts, Backoff backoff) {

    /** The seed's {@code maxRetries: 3}: three launches in total. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** The seed's {@code retryDelay: 2000}. */
    public static final Duration DEFAULT_INITIAL_DELAY = Backoff.DEFAULT_INITIAL_DELAY;
    /** Delays 2 s, 4 s, 8 s, ... */
    public static final double DEFAULT_MULTIPLIER = Backoff.DEFAULT_MULTIPLIER;
    public static final Duration DEFAULT_MAX_DELAY = Backoff.DEFAULT_MAX_DELAY;
    public static final double DEFAULT_JITTER = Backoff.DEFAULT_JITTER;
    /** More attempts than this is a configuration mistake, not a policy. */
    public static final int MAX_ALLOWED_ATTEMPTS = 100;

    public static final RetryPolicy DEFAULT = new RetryPolicy(DEFAULT_MAX_ATTEMPTS, Backoff.DEFAULT);

    private static final String PURPOSE = "retry";

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > MAX_ALLOWED_ATTEMPTS) {
            throw new IllegalArgumentException(
                    "max attempts must be between 1 and " + MAX_ALLOWED_ATTEMPTS + ", was " + maxAttempts);
        }
        Objects.requireNonNull(backoff, "retry backoff");
    }

    /** Every value given; the backoff's messages say "retry delay", "max retry delay", ... */
    public RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {
        this(maxAttempts, Backoff.of(PURPOSE, initialDelay, multiplier, maxDelay, jitter));
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
        return backoff.delay(failedAttempt, random01);
    }

    public RetryPolicy withMaxAttempts(int value) {
        return new RetryPolicy(value, backoff);
    }

    public RetryPolicy withBackoff(Backoff value) {
        return new RetryPolicy(maxAttempts, value);
    }

    /** Changes only the delay: a delay longer than the cap is rejected, whatever order the values are set in. */
    public RetryPolicy withInitialDelay(Duration value) {
        return new RetryPolicy(maxAttempts, value, multiplier(), maxDelay(), jitter());
    }

    public RetryPolicy withJitter(double value) {
        return new RetryPolicy(maxAttempts, initialDelay(), multiplier(), maxDelay(), value);
    }

    public RetryPolicy withMaxDelay(Duration value) {
        return new RetryPolicy(maxAttempts, initialDelay(), multiplier(), value, jitter());
    }
}
