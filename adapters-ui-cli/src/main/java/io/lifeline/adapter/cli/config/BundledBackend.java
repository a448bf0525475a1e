package io.lifeline.adapter.cli.config;

import io.lifeline.domain.model.BackendSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The backend the CLI starts when nothing else is configured: the bundled FastAPI fixture's layout, {@code main.py}
 * needing FastAPI and uvicorn, and the command that installs its packages for the checklist and the doctor.
 */
public final class BundledBackend {

    public static final String SCRIPT = "main.py";
    public static final List<String> REQUIRED_MODULES = List.of("fastapi", "uvicorn");
    public static final String REQUIREMENTS_FILE = "requirements.txt";

    private BundledBackend() {
    }

    public static BackendSpec in(Path directory) {
        return new BackendSpec(directory, SCRIPT, REQUIRED_MODULES, Optional.empty());
    }

    /** The exact command that installs what {@code backend} needs into {@code interpreter}. */
    public static String installCommand(BackendSpec backend, String interpreter) {
        Path requirements = backend.directory().resolve(REQUIREMENTS_FILE);
        return quote(interpreter) + " -m pip install -r " + quote(requirements.toString());
    }

    private static String quote(String value) {
        return value.contains(" ") ? '"' + value + '"' : value;
    }
}
