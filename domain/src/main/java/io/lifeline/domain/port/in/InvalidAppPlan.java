package io.lifeline.domain.port.in;

import io.lifeline.domain.model.BackendName;

import java.util.Objects;

/**
 * An app that cannot start as configured: an unknown name in {@code dependsOn}, a cycle, two backends on one port, a
 * condition a backend cannot meet. Found before anything starts; {@link #backend()} is where the config says it.
 */
public final class InvalidAppPlan extends IllegalArgumentException {

    private final BackendName backend;

    public InvalidAppPlan(BackendName backend, String message) {
        super(message);
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** The backend whose entry in the config holds the problem. */
    public BackendName backend() {
        return backend;
    }
}
