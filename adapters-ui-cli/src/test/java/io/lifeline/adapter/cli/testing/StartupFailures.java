package io.lifeline.adapter.cli.testing;

import io.lifeline.adapter.cli.config.BundledBackend;
import io.lifeline.adapter.process.PythonBackendProfile;
import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.InterpreterNotFound;
import io.lifeline.domain.model.PackagesMissing;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Object mother for classified startup failures as the domain reports them. */
public final class StartupFailures {

    public static final String INTERPRETER = "/usr/bin/python3";

    private StartupFailures() {
    }

    /** The backend's typical last words when an import fails at startup. */
    public static List<String> tracebackEndingIn(String lastLine) {
        return List.of("Traceback (most recent call last):", "  File \"main.py\", line 3, in <module>", lastLine);
    }

    /** {@code line 1} ... {@code line n}, oldest first. */
    public static List<String> numberedLines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> "line " + n).collect(Collectors.toList());
    }

    public static ExitedDuringStartup exitedWithCode(int exitCode, List<String> lastOutput) {
        return new ExitedDuringStartup(exitCode, lastOutput);
    }

    public static PackagesMissing fastapiAndUvicornMissing(Path backendDir) {
        return new PackagesMissing("Python", List.of("fastapi", "uvicorn"),
                INTERPRETER, PythonBackendProfile.installCommand(BundledBackend.in(backendDir), INTERPRETER,
                        BundledBackend.REQUIRED_MODULES));
    }

    public static InterpreterNotFound noInterpreterAmong(String... rejections) {
        return new InterpreterNotFound("Python", "3.10", List.of(rejections));
    }
}
