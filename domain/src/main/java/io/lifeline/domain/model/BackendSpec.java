package io.lifeline.domain.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which backend to run and what it needs.
 *
 * @param directory       the backend's working directory
 * @param command         the program and its arguments, with {@link CommandTemplate} placeholders that each launch
 *                        fills in; never run through a shell
 * @param requiredModules modules the interpreter must be able to load, for a command a launcher runs with an
 *                        interpreter it finds; empty for any other program
 * @param interpreter     an explicitly configured interpreter; when present, no other candidate is tried
 * @param environment     variables set for the backend on top of the inherited environment
 * @param readiness       how the launched backend shows that it is ready
 * @param expectedVersion the version a running backend must report to be attached to, when its contract carries one
 */
public record BackendSpec(Path directory, List<String> command, List<String> requiredModules,
                          Optional<Path> interpreter, Map<String, String> environment, Readiness readiness,
                          Optional<String> expectedVersion) {

    public BackendSpec {
        Objects.requireNonNull(directory, "backend directory");
        command = List.copyOf(command);
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("the backend command must name a program");
        }
        requiredModules = List.copyOf(requiredModules);
        Objects.requireNonNull(interpreter, "interpreter");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
    }

    public BackendSpec(Path directory, List<String> command, List<String> requiredModules,
                       Optional<Path> interpreter, Map<String, String> environment, Readiness readiness) {
        this(directory, command, requiredModules, interpreter, environment, readiness, Optional.empty());
    }

    /** A command whose readiness is told by health probes alone. */
    public BackendSpec(Path directory, List<String> command, List<String> requiredModules,
                       Optional<Path> interpreter) {
        this(directory, command, requiredModules, interpreter, Map.of(), Readiness.PROBES);
    }

    public BackendSpec withInterpreter(Path value) {
        return new BackendSpec(directory, command, requiredModules, Optional.of(value), environment, readiness,
                expectedVersion);
    }

    public BackendSpec withEnvironment(Map<String, String> value) {
        return new BackendSpec(directory, command, requiredModules, interpreter, value, readiness, expectedVersion);
    }

    public BackendSpec withReadiness(Readiness value) {
        return new BackendSpec(directory, command, requiredModules, interpreter, environment, value,
                expectedVersion);
    }

    public BackendSpec withExpectedVersion(Optional<String> value) {
        return new BackendSpec(directory, command, requiredModules, interpreter, environment, readiness, value);
    }

    /** Names the environment's variables, never their values: they may hold secrets (the run's, the user's). */
    @Override
    public String toString() {
        return "BackendSpec[directory=" + directory + ", command=" + command + ", requiredModules=" + requiredModules
                + ", interpreter=" + interpreter + ", environment=" + environment.keySet().stream().sorted().toList()
                + ", readiness=" + readiness + ", expectedVersion=" + expectedVersion + "]";
    }

    /** The program as configured, placeholders unfilled. */
    public String program() {
        return command.get(0);
    }

    /** The command as one line, placeholders unfilled: for messages. */
    public String describe() {
        return String.join(" ", command);
    }
}
