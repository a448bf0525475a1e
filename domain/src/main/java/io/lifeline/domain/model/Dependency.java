package io.lifeline.domain.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a backend's {@code dependsOn}: the backend it waits for, on which condition, for how long at most, and
 * whether it is restarted with that backend.
 *
 * @param timeout     from the app's start until the condition must hold; empty: as long as the dependency's own
 *                    start takes (its startup timeout and retries bound it)
 * @param restartWith when the dependency goes down while connected, stop this dependant first and start it again
 *                    once the dependency is healthy again
 */
public record Dependency(BackendName on, DependencyCondition condition, Optional<Duration> timeout,
                         boolean restartWith) {

    public Dependency {
        Objects.requireNonNull(on, "on");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(timeout, "timeout");
        timeout.ifPresent(value -> Durations.requirePositive(value, "dependency timeout"));
    }

    /** Waits until {@code on} is healthy, without a timeout of its own. */
    public static Dependency healthy(BackendName on) {
        return new Dependency(on, DependencyCondition.HEALTHY, Optional.empty(), false);
    }

    public static Dependency on(BackendName on, DependencyCondition condition) {
        return new Dependency(on, condition, Optional.empty(), false);
    }

    public Dependency withTimeout(Duration value) {
        return new Dependency(on, condition, Optional.of(value), restartWith);
    }

    public Dependency restartingWith() {
        return new Dependency(on, condition, timeout, true);
    }

    /** {@code db healthy within 20s, restarted with it}: for messages. */
    public String describe() {
        return on + " " + condition.word() + timeout.map(value -> " within " + Durations.format(value)).orElse("")
                + (restartWith ? ", restarted with it" : "");
    }
}
