package io.lifeline.adapter.cli.config;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.CommandTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The preset the CLI starts when no {@code command} is configured: the bundled FastAPI fixture's {@code main.py} in
 * {@code backendDir}, run by the Python Lifeline finds (which must import FastAPI and uvicorn), given the contract's
 * arguments; and the command that installs its packages for the checklist and the doctor.
 */
public final class BundledBackend {

    public static final String SCRIPT = "main.py";
    public static final List<String> REQUIRED_MODULES = List.of("fastapi", "uvicorn");
    public static final String REQUIREMENTS_FILE = "requirements.txt";
    public static final List<String> COMMAND = List.of(PythonCommand.PLACEHOLDER, SCRIPT,
            "--port", "{" + CommandTemplate.PORT + "}", "--host", "{" + CommandTemplate.HOST + "}",
            "--correlation-id", "{" + CommandTemplate.CORRELATION_ID + "}");

    private BundledBackend() {
    }

    public static BackendSpec in(Path directory) {
        return new BackendSpec(directory, COMMAND, REQUIRED_MODULES, Optional.empty());
    }

    /**
     * The exact command that installs what {@code backend} needs into {@code interpreter}: its requirements.txt when
     * it has one (the bundled backend always does), else the modules it is known to need by name; empty when neither
     * is known.
     */
    public static Optional<String> installCommand(BackendSpec backend, String interpreter) {
        return installCommand(backend, interpreter, backend.requiredModules());
    }

    /** As {@link #installCommand(BackendSpec, String)}, for these missing modules. */
    public static Optional<String> installCommand(BackendSpec backend, String interpreter, List<String> modules) {
        Path requirements = backend.directory().resolve(REQUIREMENTS_FILE);
        boolean hasRequirements = backend.command().equals(COMMAND) || Files.isRegularFile(requirements);
        if (!hasRequirements && modules.isEmpty()) {
            return Optional.empty();
        }
        String what = hasRequirements ? "-r " + quote(requirements.toString()) : String.join(" ", modules);
        return Optional.of(quote(interpreter) + " -m pip install " + what);
    }

    private static String quote(String value) {
        return value.contains(" ") ? '"' + value + '"' : value;
    }
}
