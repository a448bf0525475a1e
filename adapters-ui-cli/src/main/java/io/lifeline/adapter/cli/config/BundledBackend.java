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
     * it has one, else the modules it needs by name, else the requirements.txt it should have.
     */
    public static String installCommand(BackendSpec backend, String interpreter) {
        Path requirements = backend.directory().resolve(REQUIREMENTS_FILE);
        String what = Files.isRegularFile(requirements) || backend.requiredModules().isEmpty()
                ? "-r " + quote(requirements.toString()) : String.join(" ", backend.requiredModules());
        return quote(interpreter) + " -m pip install " + what;
    }

    private static String quote(String value) {
        return value.contains(" ") ? '"' + value + '"' : value;
    }
}
