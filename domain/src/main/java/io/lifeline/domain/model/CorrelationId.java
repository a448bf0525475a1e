package io.lifeline.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Joins the front end's and the backend's log lines of one run. Format as in the seed:
 * {@code backend-startup-<epoch millis>}.
 */
public record CorrelationId(String value) {

    public static final String PREFIX = "backend-startup-";

    public CorrelationId {
        Objects.requireNonNull(value, "correlation id must not be null");
        if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("correlation id must be non-empty and contain no whitespace: '" + value + "'");
        }
    }

    public static CorrelationId forStartAt(Instant start) {
        return new CorrelationId(PREFIX + start.toEpochMilli());
    }

    @Override
    public String toString() {
        return value;
    }
}
