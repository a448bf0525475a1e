package io.lifeline.domain.model;

import java.time.Duration;

/**
 * How a connected backend is watched: a health probe every {@code interval}; {@code failureThreshold} failed probes
 * in a row mean it is down (Kubernetes' failureThreshold). Degraded is not a failure.
 */
public record LivenessPolicy(boolean enabled, Duration interval, int failureThreshold) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;
    /** More failures in a row than this is a configuration mistake, not a policy. */
    public static final int MAX_FAILURE_THRESHOLD = 100;
    public static final LivenessPolicy DEFAULT = new LivenessPolicy(true, DEFAULT_INTERVAL, DEFAULT_FAILURE_THRESHOLD);
    /** No probing after connect: only the process exit is watched. */
    public static final LivenessPolicy OFF = new LivenessPolicy(false, DEFAULT_INTERVAL, DEFAULT_FAILURE_THRESHOLD);

    public LivenessPolicy {
        Durations.requirePositive(interval, "liveness interval");
        if (failureThreshold < 1 || failureThreshold > MAX_FAILURE_THRESHOLD) {
            throw new IllegalArgumentException("liveness failure threshold must be between 1 and "
                    + MAX_FAILURE_THRESHOLD + ", was "
                    + failureThreshold);
        }
    }
}
