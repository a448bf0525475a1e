package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.InterpreterNotFound;
import io.lifeline.domain.model.PackagesMissing;
import io.lifeline.domain.model.StartupFailure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Lifeline knows about a Python backend (the bundled FastAPI fixture, and any script run by a Python
 * interpreter): a {@code ModuleNotFoundError} is a missing package no retry can fix, with the {@code pip} command for
 * the interpreter in use; {@code [Errno 98] address already in use} is a held port.
 */
public final class PythonBackendProfile implements BackendProfile {

    public static final String LANGUAGE = "Python";
    public static final String MINIMUM_VERSION = InterpreterFinder.MIN_MAJOR + "." + InterpreterFinder.MIN_MINOR;
    /** Where a Python backend lists its packages, next to its script. */
    public static final String REQUIREMENTS_FILE = "requirements.txt";

    private static final Pattern MODULE_NOT_FOUND = Pattern.compile("ModuleNotFoundError: No module named '([^']+)'");
    private static final Pattern ADDRESS_IN_USE = Pattern.compile(
            "address already in use|\\[Errno (98|48)]|\\[WinError 10048]|only one usage of each socket address",
            Pattern.CASE_INSENSITIVE);

    /**
     * The exact command that installs what {@code backend} needs for the interpreter behind {@code program} (a server
     * script such as {@code .venv/bin/uvicorn} is run by the venv's python): its {@code requirements.txt} when it has
     * one, else the missing packages by name.
     */
    public static String installCommand(BackendSpec backend, String program, List<String> missing) {
        String interpreter = PythonCommands.interpreterOf(program);
        Path requirements = backend.directory().resolve(REQUIREMENTS_FILE);
        String what = Files.isRegularFile(requirements) || missing.isEmpty() ? "-r " + quote(requirements.toString())
                : String.join(" ", missing);
        return quote(interpreter) + " -m pip install " + what;
    }

    @Override
    public Optional<StartupFailure> explainExit(int exitCode, List<String> lastOutput, BackendSpec backend,
                                                String program, Endpoint endpoint) {
        List<String> missing = new ArrayList<>();
        for (String line : lastOutput) {
            Matcher module = MODULE_NOT_FOUND.matcher(line);
            if (module.find()) {
                String topLevel = module.group(1).split("\\.")[0];
                if (!missing.contains(topLevel)) {
                    missing.add(topLevel);
                }
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of(new PackagesMissing(LANGUAGE, missing, program,
                    installCommand(backend, program, missing)));
        }
        return BackendProfile.addressInUse(lastOutput, endpoint, ADDRESS_IN_USE);
    }

    /** No candidate was usable: the failure, with why each one was rejected. */
    static InterpreterNotFound interpreterNotFound(List<String> rejections) {
        return new InterpreterNotFound(LANGUAGE, MINIMUM_VERSION, rejections);
    }

    private static String quote(String value) {
        return value.contains(" ") ? '"' + value + '"' : value;
    }
}
