package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.InterpreterCandidateReport;
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
 * interpreter), written once for the launch, the failure report and {@code lifeline doctor} alike: the minimum
 * version, the {@code pip} command that installs a backend's packages, a {@code ModuleNotFoundError} as a missing
 * package no retry can fix, {@code [Errno 98] address already in use} as a held port.
 */
public final class PythonBackendProfile implements BackendProfile {

    public static final String LANGUAGE = "Python";
    public static final String MINIMUM_VERSION = InterpreterFinder.MIN_MAJOR + "." + InterpreterFinder.MIN_MINOR;
    /** Where a Python backend lists its packages, next to its script. */
    public static final String REQUIREMENTS_FILE = "requirements.txt";
    /** What a report tells to run when no interpreter is configured. */
    public static final String DEFAULT_INTERPRETER = "python3";

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

    /** The runtime and the packages, for a found interpreter ({@code {python}}); nothing for another command. */
    @Override
    public List<String> setupChecklist(BackendSpec backend) {
        if (!PythonCommands.findsInterpreter(backend.command())) {
            return List.of();
        }
        String python = backend.interpreter().map(Path::toString).orElse(DEFAULT_INTERPRETER);
        boolean known = Files.isRegularFile(backend.directory().resolve(REQUIREMENTS_FILE))
                || !backend.requiredModules().isEmpty();
        return List.of(LANGUAGE + " " + MINIMUM_VERSION + " or newer is installed (" + quote(python) + " --version)",
                "The backend's packages are installed (" + (known
                        ? installCommand(backend, python, backend.requiredModules())
                        : "whatever it imports, for " + python) + ")");
    }

    /** The first candidate that lacks packages, with the command that installs them; else no Python at all. */
    @Override
    public Optional<StartupFailure> noUsableInterpreter(BackendSpec backend,
                                                        List<InterpreterCandidateReport> candidates) {
        return Optional.of(candidates.stream().filter(candidate -> !candidate.missingModules().isEmpty())
                .findFirst()
                .<StartupFailure>map(candidate -> new PackagesMissing(LANGUAGE, candidate.missingModules(),
                        candidate.command(), installCommand(backend, candidate.command(),
                        candidate.missingModules())))
                .orElseGet(() -> interpreterNotFound(List.of())));
    }

    /** No candidate was usable: the failure, with why each one was rejected. */
    static InterpreterNotFound interpreterNotFound(List<String> rejections) {
        return new InterpreterNotFound(LANGUAGE, MINIMUM_VERSION, rejections);
    }

    private static String quote(String value) {
        return value.contains(" ") ? '"' + value + '"' : value;
    }
}
