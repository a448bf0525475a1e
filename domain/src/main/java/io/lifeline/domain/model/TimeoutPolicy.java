package io.lifeline.domain.model;

import java.time.Duration;

/**
 * How long to wait for things during a start.
 *
 * @param probeTimeout   one health request, from connect to the last byte of the body
 * @param startupTimeout one launch attempt, from spawn until the backend must be healthy
 * @param probeInterval  pause between health probes while waiting; any backend output also triggers a probe at once
 */
public record TimeoutPolicy(Duration probeTimeout, Duration startupTimeout, Duration probeInterval) {

    /** The seed's {@code healthCheckTimeout: 5000}. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** The seed's {@code startupTimeout: 30000}. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Short on purpose: a refused loopback connect costs well under a millisecond, and the seed's half-second poll added up
     * to half a second to every start.
     */
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMillis(100);

    /**
     * What a proof of ownership gets on top of the health timeout, which bounds its challenge: room for the operating
     * system's answers (who listens, its ancestry), usually milliseconds, but a port lookup may scan every process's
     * descriptors for up to 2 s on a busy machine.
     */
    public static final Duration PROOF_MARGIN = Duration.ofSeconds(5);

    public static final TimeoutPolicy DEFAULT =
            new TimeoutPolicy(DEFAULT_PROBE_TIMEOUT, DEFAULT_STARTUP_TIMEOUT, DEFAULT_PROBE_INTERVAL);

    public TimeoutPolicy {
        Durations.requirePositive(probeTimeout, "health timeout");
        Durations.requirePositive(startupTimeout, "startup timeout");
        Durations.requirePositive(probeInterval, "probe interval");
        if (probeInterval.compareTo(startupTimeout) > 0) {
            throw new IllegalArgumentException("probe interval (" + Durations.format(probeInterval)
                    + ") must not be longer than the startup timeout (" + Durations.format(startupTimeout) + ")");
        }
    }

    /** How long a proof that a backend is ours may take before it counts as failed. */
    public Duration proofTimeout() {
        return probeTimeout.plus(PROOF_MARGIN);
    }

    public TimeoutPolicy withProbeTimeout(Duration value) {
        return new TimeoutPolicy(value, startupTimeout, probeInterval);
    }

    public TimeoutPolicy withStartupTimeout(Duration value) {
        return new TimeoutPolicy(probeTimeout, value, probeInterval);
    }

    public TimeoutPolicy withProbeInterval(Duration value) {
        return new TimeoutPolicy(probeTimeout, startupTimeout, value);
    }
}
