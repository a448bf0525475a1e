package io.lifeline.domain.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which backend to run and what it needs.
 *
 * @param directory       the backend's folder, also its working directory
 * @param script          the entry script inside it
 * @param requiredModules modules the interpreter must be able to load for the backend to start
 * @param interpreter     an explicitly configured interpreter; when present, no other candidate is tried
 * @param environment     variables set for the backend on top of the inherited environment
 */
public record BackendSpec(Path directory, String script, List<String> requiredModules, Optional<Path> interpreter,
                          Map<String, String> environment) {

    public BackendSpec {
        Objects.requireNonNull(directory, "backend directory");
        Objects.requireNonNull(script, "backend script");
        if (script.isBlank()) {
            throw new IllegalArgumentException("backend script must not be empty");
        }
        requiredModules = List.copyOf(requiredModules);
        Objects.requireNonNull(interpreter, "interpreter");
        environment = Map.copyOf(environment);
    }

    public BackendSpec(Path directory, String script, List<String> requiredModules, Optional<Path> interpreter) {
        this(directory, script, requiredModules, interpreter, Map.of());
    }

    public BackendSpec withInterpreter(Path value) {
        return new BackendSpec(directory, script, requiredModules, Optional.of(value), environment);
    }

    public BackendSpec withEnvironment(Map<String, String> value) {
        return new BackendSpec(directory, script, requiredModules, interpreter, value);
    }

    public Path scriptPath() {
        return directory.resolve(script);
    }
}
