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
 * @param requiredModules Python modules that must import for the backend to start
 * @param interpreter     an explicitly configured interpreter; when present, no other candidate is tried
 * @param environment     variables set for the backend on top of the inherited environment
 */
public record BackendSpec(Path directory, String script, List<String> requiredModules, Optional<Path> interpreter,
                          Map<String, String> environment) {

    public static final String DEFAULT_SCRIPT = "main.py";
    public static final List<String> DEFAULT_REQUIRED_MODULES = List.of("fastapi", "uvicorn");
    public static final String REQUIREMENTS_FILE = "requirements.txt";

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

    public static BackendSpec in(Path directory) {
        return new BackendSpec(directory, DEFAULT_SCRIPT, DEFAULT_REQUIRED_MODULES, Optional.empty());
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

    /** The exact command that installs what the backend needs into {@code interpreter}. */
    public String installCommand(String interpreterPath) {
        Path requirements = directory.resolve(REQUIREMENTS_FILE);
        return quote(interpreterPath) + " -m pip install -r " + quote(requirements.toString());
    }

    private static String quote(String value) {
        return value.contains(" ") ? '"' + value + '"' : value;
    }
}
