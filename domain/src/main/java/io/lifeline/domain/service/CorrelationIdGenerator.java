package io.lifeline.domain.service;

import io.lifeline.domain.model.CorrelationId;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** Hands out {@code backend-startup-<epoch millis>} ids, never the same one twice in this process. */
public final class CorrelationIdGenerator {

    private final Clock clock;
    private final AtomicLong lastMillis = new AtomicLong(Long.MIN_VALUE);

    public CorrelationIdGenerator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CorrelationId next() {
        long now = clock.millis();
        long millis = lastMillis.updateAndGet(previous -> previous == Long.MIN_VALUE ? now : Math.max(previous + 1, now));
        return new CorrelationId(CorrelationId.PREFIX + millis);
    }
}
