package io.lifeline.adapter.cli.config;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.CommandTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The preset the CLI starts when no {@code command} is configured: the bundled FastAPI fixture's {@code main.py} in
 * {@code backendDir}, run by the Python Lifeline finds (which must import FastAPI and uvicorn), given the contract's
 * arguments. Its folder holds the requirements file the install command names.
 */
public final class BundledBackend {

    public static final String SCRIPT = "main.py";
    public static final List<String> REQUIRED_MODULES = List.of("fastapi", "uvicorn");
    public static final List<String> COMMAND = List.of(PythonCommand.PLACEHOLDER, SCRIPT,
            "--port", "{" + CommandTemplate.PORT + "}", "--host", "{" + CommandTemplate.HOST + "}",
            "--correlation-id", "{" + CommandTemplate.CORRELATION_ID + "}");

    private BundledBackend() {
    }

    public static BackendSpec in(Path directory) {
        return new BackendSpec(directory, COMMAND, REQUIRED_MODULES, Optional.empty());
    }
}
