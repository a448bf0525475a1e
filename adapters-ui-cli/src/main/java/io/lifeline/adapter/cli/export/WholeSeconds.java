package io.lifeline.adapter.cli.export;

import java.time.Duration;

/** Durations for engines that count whole seconds (Kubernetes probes, systemd's start limits, process-compose). */
public final class WholeSeconds {

    private WholeSeconds() {
    }

    /** Rounded up, and at least 1: a wait is never shortened to nothing. */
    public static long ceil(Duration duration) {
        long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** Whether the duration is a whole number of seconds, at least one: what such an engine can say exactly. */
    public static boolean isWhole(Duration duration) {
        return duration.toNanosPart() == 0 && duration.toSeconds() >= 1;
    }

    /**
     * How many probes {@code periodSeconds} apart cover {@code window} (a startup timeout): rounded up, at least one,
     * so failureThreshold x periodSeconds is never shorter than the window.
     */
    public static long probesCovering(Duration window, long periodSeconds) {
        return Math.max(1, -Math.floorDiv(-window.toMillis(), periodSeconds * 1000));
    }
}
