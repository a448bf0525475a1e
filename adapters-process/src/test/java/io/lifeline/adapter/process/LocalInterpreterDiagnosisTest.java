package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.InterpreterCandidateReport;
import io.lifeline.domain.port.out.InterpreterDiagnosis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs real (and fake) interpreters, as {@code lifeline doctor} does. */
class LocalInterpreterDiagnosisTest {

    private static final String STORE_STUB_MESSAGE =
            "Python was not found; run without arguments to install from the Microsoft Store";

    @TempDir
    Path backendDir;
    @TempDir
    Path binDir;

    @Test
    void givenStoreStubFirstOnPathThenRealPython_whenDiagnosing_thenBothAreReportedAndTheRealOneIsChosen()
            throws IOException {
        Path stub = storeStub(binDir.resolve("python3"));
        Path good = Files.createSymbolicLink(binDir.resolve("python"), RealPython.executable());
        InterpreterFinder finder = new InterpreterFinder(
                Map.of("PATH", binDir + File.pathSeparator + System.getenv("PATH")));

        InterpreterDiagnosis.Findings findings = new LocalInterpreterDiagnosis(finder).diagnose(backend(List.of("json")));

        assertThat(findings.candidates()).hasSize(2);
        InterpreterCandidateReport broken = findings.candidates().get(0);
        assertThat(broken.command()).isEqualTo(stub.toString());
        assertThat(broken.origin()).isEqualTo("PATH");
        assertThat(broken.usable()).isFalse();
        assertThat(broken.version()).isEmpty();
        assertThat(broken.explanation()).startsWith("exited with code ").contains(STORE_STUB_MESSAGE);
        InterpreterCandidateReport usable = findings.candidates().get(1);
        assertThat(usable.command()).isEqualTo(good.toString());
        assertThat(usable.usable()).isTrue();
        assertThat(usable.version()).get().asString().startsWith("3.");
        assertThat(usable.executable()).isPresent();
        assertThat(usable.explanation()).endsWith(", usable");
        assertThat(findings.chosen()).contains(usable);
    }

    @Test
    void givenUsableVenvFirst_whenDiagnosing_thenTheCandidatesAfterItAreCheckedToo() throws IOException {
        Path venvPython = backendDir.resolve("target/venv/bin/python");
        Files.createDirectories(venvPython.getParent());
        Files.createSymbolicLink(venvPython, RealPython.executable());
        storeStub(binDir.resolve("python3"));
        executableScript(binDir.resolve("python"), "echo 'version 3.9.18'\necho 'executable /usr/bin/python3.9'");
        InterpreterFinder finder = new InterpreterFinder(Map.of("PATH", binDir.toString()));

        InterpreterDiagnosis.Findings findings = new LocalInterpreterDiagnosis(finder).diagnose(backend(List.of("json")));

        assertThat(findings.candidates()).extracting(InterpreterCandidateReport::origin)
                .containsExactly("backend venv", "PATH", "PATH");
        assertThat(findings.candidates()).extracting(InterpreterCandidateReport::usable)
                .containsExactly(true, false, false);
        assertThat(findings.candidates().get(2).version()).contains("3.9.18");
        assertThat(findings.candidates().get(2).explanation()).isEqualTo("Python 3.9.18 is older than 3.10");
        assertThat(findings.chosen()).contains(findings.candidates().get(0));
    }

    @Test
    void givenModuleNotInstalled_whenDiagnosing_thenTheReportNamesTheMissingModuleAndNoneIsChosen() {
        BackendSpec spec = backend(List.of("json", "definitely_not_a_module_xyz"))
                .withInterpreter(RealPython.executable());

        InterpreterDiagnosis.Findings findings = new LocalInterpreterDiagnosis(new InterpreterFinder()).diagnose(spec);

        assertThat(findings.chosen()).isEmpty();
        assertThat(findings.candidates()).singleElement().satisfies(report -> {
            assertThat(report.origin()).isEqualTo("configured");
            assertThat(report.missingModules()).containsExactly("definitely_not_a_module_xyz");
            assertThat(report.version()).isPresent();
            assertThat(report.explanation()).endsWith("cannot import definitely_not_a_module_xyz");
        });
    }

    private BackendSpec backend(List<String> modules) {
        return new BackendSpec(backendDir, PythonScript.MAIN_PY, modules, Optional.empty());
    }

    private static Path storeStub(Path path) throws IOException {
        return executableScript(path, "echo '" + STORE_STUB_MESSAGE + "'\nexit 9009");
    }

    private static Path executableScript(Path path, String body) throws IOException {
        Files.writeString(path, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
