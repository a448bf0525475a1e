package io.lifeline.adapter.cli.command;

import java.util.Objects;

/**
 * A use case wired to real adapters for one command run; closing it releases the threads and connections of those
 * adapters.
 */
public record Opened<P>(P useCase, AutoCloseable resources) implements AutoCloseable {

    public Opened {
        Objects.requireNonNull(useCase, "useCase");
        Objects.requireNonNull(resources, "resources");
    }

    /** For tests and use cases that hold nothing. */
    public static <P> Opened<P> holdingNothing(P useCase) {
        return new Opened<>(useCase, () -> { });
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception ignored) {
            // Releasing threads does not fail in a way the command could act on.
        }
    }
}
