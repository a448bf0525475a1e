package io.lifeline.domain.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a launched backend shows that it is ready: by its health answers, by a line of its own output, or both (the
 * line then asks for a confirming probe at once, instead of after the probe interval); or, for a one-shot job, by
 * exiting with 0.
 *
 * @param readyLine  a line of output that means "ready", when the backend prints one
 * @param probes     whether health probes decide; without them the ready line alone does, and a connected backend
 *                   is watched by its process only
 * @param completion a one-shot job: done when it exits with 0, retried (by the retry policy) when it exits otherwise;
 *                   nothing is probed and no port is checked
 */
public record Readiness(Optional<Pattern> readyLine, boolean probes, boolean completion) {

    /** Health probes alone; every line of output asks for a probe until the backend first answers. */
    public static final Readiness PROBES = new Readiness(Optional.empty(), true);

    /** A one-shot job: its exit with 0 is its readiness. */
    public static final Readiness COMPLETION = new Readiness(Optional.empty(), false, true);

    public Readiness {
        Objects.requireNonNull(readyLine, "readyLine");
        if (completion && (probes || readyLine.isPresent())) {
            throw new IllegalArgumentException("a one-shot job is ready when it exits with 0: no probes, no ready line");
        }
        if (!probes && readyLine.isEmpty() && !completion) {
            throw new IllegalArgumentException("without health probes, a ready line is the only sign of readiness:"
                    + " it is required");
        }
    }

    public Readiness(Optional<Pattern> readyLine, boolean probes) {
        this(readyLine, probes, false);
    }

    /** The ready line confirmed by a health probe. */
    public static Readiness probedAfter(Pattern readyLine) {
        return new Readiness(Optional.of(readyLine), true);
    }

    /** The ready line alone. */
    public static Readiness lineOnly(Pattern readyLine) {
        return new Readiness(Optional.of(readyLine), false);
    }

    /** Whether this line of output says the backend is ready; without a ready line, any line may: probe. */
    public boolean signalledBy(String line) {
        if (completion) {
            return false;
        }
        return readyLine.map(pattern -> pattern.matcher(line).find()).orElse(true);
    }
}
