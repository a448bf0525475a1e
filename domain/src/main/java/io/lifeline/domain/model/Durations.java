package io.lifeline.domain.model;

import java.time.Duration;
import java.util.Objects;

/** Validation and formatting of the time values every policy uses. */
public final class Durations {

    private Durations() {
    }

    public static Duration requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + format(value));
        }
        return value;
    }

    /** Human form used in status lines and reports: {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 2m}. */
    public static String format(Duration value) {
        long millis = value.toMillis();
        if (millis % 60_000 == 0 && millis >= 60_000) {
            return (millis / 60_000) + "m";
        }
        if (millis % 1000 == 0) {
            return (millis / 1000) + "s";
        }
        if (Math.abs(millis) < 1000) {
            return millis + "ms";
        }
        return String.format(java.util.Locale.ROOT, "%.2fs", millis / 1000.0).replaceAll("\\.?0+s$", "s");
    }
}
