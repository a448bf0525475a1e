package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.FailureClass;
import io.lifeline.domain.model.InterpreterCandidateReport;
import io.lifeline.domain.model.InterpreterNotFound;
import io.lifeline.domain.model.PackagesMissing;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.service.FailureClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Python profile through the domain's classifier: what a Python backend's last output means. */
class PythonBackendProfileTest {

    private static final String PYTHON = "/opt/venv/bin/python";
    private static final BackendSpec BACKEND = new BackendSpec(Path.of("/srv/backend"), PythonScript.MAIN_PY,
            List.of("fastapi"), Optional.empty());
    private static final Endpoint ENDPOINT = new Endpoint("127.0.0.1", 8000);

    private final FailureClassifier classifier = new FailureClassifier(new PythonBackendProfile());

    // ---- exits ----

    @Test
    void givenModuleNotFoundInTheOutput_whenClassifyingTheExit_thenPackagesMissingWithTheInstallCommand() {
        StartupFailure failure = exitWith(1, "Traceback (most recent call last):", "  File \"main.py\", line 1",
                "ModuleNotFoundError: No module named 'fastapi'");

        assertThat(failure).isEqualTo(new PackagesMissing("Python", List.of("fastapi"), PYTHON,
                "/opt/venv/bin/python -m pip install fastapi"));
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void givenSubmoduleNotFound_whenClassifyingTheExit_thenTheTopLevelPackageIsNamed() {
        StartupFailure failure = exitWith(1, "ModuleNotFoundError: No module named 'uvicorn.protocols.http'");

        assertThat(((PackagesMissing) failure).modules()).containsExactly("uvicorn");
    }

    @Test
    void givenSeveralMissingModules_whenClassifyingTheExit_thenEachIsNamedOnceInOrder() {
        StartupFailure failure = exitWith(1, "ModuleNotFoundError: No module named 'fastapi'",
                "ModuleNotFoundError: No module named 'uvicorn'", "ModuleNotFoundError: No module named 'fastapi.x'");

        assertThat(((PackagesMissing) failure).modules()).containsExactly("fastapi", "uvicorn");
    }

    @Test
    void givenAnInterpreterPathWithSpaces_whenClassifyingMissingPackages_thenTheInstallCommandQuotesIt() {
        String interpreter = "C:\\Program Files\\Python312\\python.exe";

        StartupFailure failure = classifier.classifyExit(1, List.of("ModuleNotFoundError: No module named 'x'"),
                BACKEND, interpreter, ENDPOINT);

        assertThat(failure.remedy(setting -> "--" + setting))
                .contains("\"C:\\Program Files\\Python312\\python.exe\" -m pip install x");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "ERROR:    [Errno 98] error while attempting to bind on address ('127.0.0.1', 8000): address already in use",
            "OSError: [Errno 98] Address already in use",
            "OSError: [Errno 48] Address already in use",
            "[WinError 10048] only one usage of each socket address is normally permitted"})
    void givenBindErrorInTheOutput_whenClassifyingTheExit_thenPortInUseNotRetryable(String line) {
        StartupFailure failure = exitWith(1, "INFO:     Started server process [4242]", line);

        assertThat(failure).isInstanceOf(PortInUse.class);
        assertThat(((PortInUse) failure).endpoint()).isEqualTo(ENDPOINT);
        assertThat(((PortInUse) failure).observation()).isEqualTo("the backend could not bind it: " + line);
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void givenMissingModuleAndBindError_whenClassifyingTheExit_thenMissingPackagesWin() {
        StartupFailure failure = exitWith(1, "ModuleNotFoundError: No module named 'fastapi'",
                "OSError: [Errno 98] Address already in use");

        assertThat(failure.failureClass()).isEqualTo(FailureClass.PACKAGES_MISSING);
    }

    @Test
    void givenAPlainExit_whenClassifying_thenExitedDuringStartupWithCodeAndLinesRetryable() {
        List<String> lines = List.of("Traceback (most recent call last):", "RuntimeError: boom");

        StartupFailure failure = classifier.classifyExit(3, lines, BACKEND, PYTHON, ENDPOINT);

        assertThat(failure).isEqualTo(new ExitedDuringStartup(3, lines));
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void givenAnExitWithoutOutput_whenClassifying_thenExitedDuringStartup() {
        assertThat(exitWith(0)).isEqualTo(new ExitedDuringStartup(0, List.of()));
    }

    private StartupFailure exitWith(int code, String... lines) {
        return classifier.classifyExit(code, List.of(lines), BACKEND, PYTHON, ENDPOINT);
    }

    // ---- the bundled backend ----

    @Test
    void givenPathsWithSpaces_thenTheInstallCommandQuotesThem(@TempDir Path home) throws IOException {
        Path backendDir = Files.createDirectories(home.resolve("My Backend"));
        Files.writeString(backendDir.resolve("requirements.txt"), "fastapi\n");
        BackendSpec spec = new BackendSpec(backendDir, PythonScript.MAIN_PY, List.of(), Optional.empty());

        assertThat(PythonBackendProfile.installCommand(spec, "/opt/my python/bin/python", List.of("fastapi")))
                .isEqualTo("\"/opt/my python/bin/python\" -m pip install -r \"" + backendDir.resolve("requirements.txt")
                        + "\"");
    }

    @Test
    void givenNoRequirementsFile_thenTheMissingPackagesAreInstalledByName() {
        assertThat(PythonBackendProfile.installCommand(BACKEND, PYTHON, List.of("fastapi", "uvicorn")))
                .isEqualTo(PYTHON + " -m pip install fastapi uvicorn");
    }

    @Test
    void givenAServerScriptInAVenv_thenPipIsRunByTheVenvsPython(@TempDir Path venv) throws IOException {
        Path bin = Files.createDirectories(venv.resolve("bin"));
        Path python = executable(bin.resolve("python"), "");
        Path uvicorn = executable(bin.resolve("uvicorn"), "#!" + python + "\n");

        assertThat(PythonBackendProfile.installCommand(BACKEND, uvicorn.toString(), List.of("fastapi")))
                .isEqualTo(python + " -m pip install fastapi");
    }

    @Test
    void givenAServerScriptWithoutAPythonBesideIt_thenPipIsRunByItsShebangInterpreter(@TempDir Path dir)
            throws IOException {
        Path gunicorn = executable(dir.resolve("gunicorn"), "#!/usr/bin/env python3.12\nimport sys\n");
        Path hypercorn = executable(dir.resolve("hypercorn"), "#!/bin/sh\n");

        assertThat(PythonBackendProfile.installCommand(BACKEND, gunicorn.toString(), List.of("fastapi")))
                .isEqualTo("python3.12 -m pip install fastapi");
        assertThat(PythonBackendProfile.installCommand(BACKEND, hypercorn.toString(), List.of("fastapi")))
                .as("no Python to be found: the usual name").isEqualTo("python3 -m pip install fastapi");
    }

    // ---- what the report's checklist and lifeline doctor say, from the same facts ----

    @Test
    void givenAFoundInterpreterAndARequirementsFile_thenTheChecklistNamesTheMinimumVersionAndThePipCommand(
            @TempDir Path backendDir) throws IOException {
        Files.writeString(backendDir.resolve("requirements.txt"), "fastapi\n");
        BackendSpec spec = new BackendSpec(backendDir, PythonScript.MAIN_PY, List.of(), Optional.empty());

        assertThat(new PythonBackendProfile().setupChecklist(spec)).containsExactly(
                "Python " + PythonBackendProfile.MINIMUM_VERSION + " or newer is installed (python3 --version)",
                "The backend's packages are installed (python3 -m pip install -r "
                        + backendDir.resolve("requirements.txt") + ")");
        assertThat(PythonBackendProfile.MINIMUM_VERSION).isEqualTo("3.10");
    }

    @Test
    void givenAPythonCommandThatNamesItsInterpreter_thenTheChecklistIsLeftToTheFrontEnd() {
        BackendSpec uvicorn = new BackendSpec(Path.of("/srv/app"), List.of(".venv/bin/uvicorn", "app:app"),
                List.of(), Optional.empty());

        assertThat(new PythonBackendProfile().setupChecklist(uvicorn)).isEmpty();
        assertThat(BackendProfile.GENERIC.setupChecklist(BACKEND)).isEmpty();
    }

    @Test
    void givenCandidatesOneLackingPackages_thenNoUsableInterpreterIsPackagesMissingWithItsPipCommand() {
        InterpreterCandidateReport old = new InterpreterCandidateReport("python3", "PATH", false,
                Optional.of("3.8.1"), Optional.empty(), List.of(), "Python 3.8.1 is older than 3.10");
        InterpreterCandidateReport lacking = new InterpreterCandidateReport(PYTHON, "venv", false,
                Optional.of("3.12.1"), Optional.of(PYTHON), List.of("fastapi"), "cannot import fastapi");

        assertThat(new PythonBackendProfile().noUsableInterpreter(BACKEND, List.of(old, lacking)))
                .contains(new PackagesMissing("Python", List.of("fastapi"), PYTHON,
                        PythonBackendProfile.installCommand(BACKEND, PYTHON, List.of("fastapi"))));
        assertThat(new PythonBackendProfile().noUsableInterpreter(BACKEND, List.of(old)))
                .contains(new InterpreterNotFound("Python", PythonBackendProfile.MINIMUM_VERSION, List.of()));
        assertThat(BackendProfile.GENERIC.noUsableInterpreter(BACKEND, List.of(old))).isEmpty();
    }

    private static Path executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        file.toFile().setExecutable(true);
        return file;
    }
}
