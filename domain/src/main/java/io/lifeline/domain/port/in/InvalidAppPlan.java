package io.lifeline.domain.port.in;

import io.lifeline.domain.model.BackendName;

import java.util.Objects;

/**
 * An app that cannot start as configured: an unknown name in {@code dependsOn}, a cycle, two backends on one port, a
 * condition a backend cannot meet. Found before anything starts; {@link #backend()} is where the config says it.
 */
public final class InvalidAppPlan extends IllegalArgumentException {

    /** Which part of the backend's entry is wrong. */
    public enum Part {
        /** The entry as a whole: its name, its port. */
        ENTRY,
        /** Its {@code dependsOn}. */
        DEPENDS_ON
    }

    private final BackendName backend;
    private final Part part;

    public InvalidAppPlan(BackendName backend, Part part, String message) {
        super(message);
        this.backend = Objects.requireNonNull(backend, "backend");
        this.part = Objects.requireNonNull(part, "part");
    }

    public Part part() {
        return part;
    }

    /** The backend whose entry in the config holds the problem. */
    public BackendName backend() {
        return backend;
    }
}
