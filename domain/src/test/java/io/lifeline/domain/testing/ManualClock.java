package io.lifeline.domain.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A {@link Clock} that stands still until a test moves it forward. */
public final class ManualClock extends Clock {

    /** Where every test clock starts unless told otherwise; a round number reads well in failures. */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-01T10:00:00Z");

    private final Instant start;
    private final ZoneId zone;
    private Instant now;

    public ManualClock() {
        this(DEFAULT_START);
    }

    public ManualClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    private ManualClock(Instant start, ZoneId zone) {
        this.start = Objects.requireNonNull(start, "start");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.now = start;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A clock in another zone that shares nothing with this one; time zones do not matter to the domain. */
    @Override
    public Clock withZone(ZoneId otherZone) {
        return new ManualClock(now, otherZone);
    }

    public synchronized void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a manual clock only moves forward, was asked to move " + amount);
        }
        now = now.plus(amount);
    }

    /** Moves backwards too: only for tests about clocks that jump (NTP, suspend). */
    public synchronized void setTo(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    public Instant start() {
        return start;
    }

    /** {@code start + offset}: reads as "two seconds in" in assertions. */
    public Instant at(Duration offset) {
        return start.plus(offset);
    }

    public synchronized Duration elapsed() {
        return Duration.between(start, now);
    }
}
