package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.InterpreterNotFound;
import io.lifeline.domain.model.PackagesMissing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class InterpreterFinderTest {

    private static final String STORE_STUB_MESSAGE =
            "Python was not found; run without arguments to install from the Microsoft Store";
    /** What the Windows Store stub exits with; POSIX keeps only its low 8 bits. */
    private static final int STORE_STUB_EXIT = 9009;

    private static final InterpreterCandidate CANDIDATE =
            new InterpreterCandidate(List.of("/opt/python/bin/python3"), "PATH");

    @Nested
    class Parse {

        @Test
        void givenPython39_whenParsing_thenTooOld() {
            InterpreterCheck check = InterpreterFinder.parse(CANDIDATE, 0,
                    probeOutput("3.9.18", "/opt/python/bin/python3.9", "ok json"));

            assertThat(check).isEqualTo(new InterpreterCheck.TooOld(CANDIDATE, "3.9.18"));
            assertThat(check.explain()).isEqualTo("/opt/python/bin/python3 (PATH): Python 3.9.18 is older than 3.10");
        }

        @Test
        void givenPython2_whenParsing_thenTooOld() {
            InterpreterCheck check = InterpreterFinder.parse(CANDIDATE, 0,
                    probeOutput("2.7.18", "/usr/bin/python2", "ok json"));

            assertThat(check).isInstanceOf(InterpreterCheck.TooOld.class);
        }

        @Test
        void givenPython310WithEveryModule_whenParsing_thenUsableWithItsRealExecutable() {
            InterpreterCheck check = InterpreterFinder.parse(CANDIDATE, 0,
                    probeOutput("3.10.0", "/opt/python/bin/python3.10", "ok fastapi", "ok uvicorn"));

            assertThat(check).isEqualTo(
                    new InterpreterCheck.Usable(CANDIDATE, "/opt/python/bin/python3.10", "3.10.0"));
        }

        @Test
        void givenWindowsLineEndings_whenParsing_thenSameResult() {
            String output = "version 3.12.1\r\nexecutable C:\\Python312\\python.exe\r\nok json\r\n";

            InterpreterCheck check = InterpreterFinder.parse(CANDIDATE, 0, output);

            assertThat(check).isEqualTo(new InterpreterCheck.Usable(CANDIDATE, "C:\\Python312\\python.exe", "3.12.1"));
        }

        @Test
        void givenModuleMissing_whenParsing_thenMissingModulesNamesOnlyTheMissingOnes() {
            InterpreterCheck check = InterpreterFinder.parse(CANDIDATE, 0, probeOutput("3.12.1",
                    "/opt/python/bin/python3.12", "ok json", "missing fastapi ModuleNotFoundError",
                    "missing uvicorn ImportError"));

            assertThat(check).isEqualTo(new InterpreterCheck.MissingModules(CANDIDATE, "/opt/python/bin/python3.12",
                    "3.12.1", List.of("fastapi", "uvicorn")));
            assertThat(check.explain()).endsWith("Python 3.12.1, cannot import fastapi, uvicorn");
        }

        @Test
        void givenWindowsStoreStubOutput_whenParsing_thenBrokenWithExitCodeAndWhatItSaid() {
            InterpreterCheck check = InterpreterFinder.parse(CANDIDATE, STORE_STUB_EXIT, STORE_STUB_MESSAGE + "\n");

            assertThat(check).isEqualTo(new InterpreterCheck.Broken(CANDIDATE,
                    "exited with code 9009 (" + STORE_STUB_MESSAGE + ")"));
        }

        @Test
        void givenNoOutput_whenParsing_thenBrokenSaysSo() {
            InterpreterCheck check = InterpreterFinder.parse(CANDIDATE, 1, "");

            assertThat(check).isEqualTo(new InterpreterCheck.Broken(CANDIDATE, "exited with code 1 (no output)"));
        }

        @Test
        void givenVersionLineThatIsNotAVersion_whenParsing_thenBroken() {
            InterpreterCheck check = InterpreterFinder.parse(CANDIDATE, 0, "version unknown\n");

            assertThat(check).isInstanceOf(InterpreterCheck.Broken.class);
        }

        private static String probeOutput(String version, String executable, String... moduleLines) {
            return "version " + version + "\nexecutable " + executable + "\n" + String.join("\n", moduleLines) + "\n";
        }
    }

    @Nested
    class Candidates {

        @TempDir
        Path backendDir;
        @TempDir
        Path binDir;

        @Test
        void givenConfiguredInterpreter_whenListingCandidates_thenOnlyThatOne() {
            Path configured = binDir.resolve("python3.12");
            BackendSpec spec = backend(backendDir).withInterpreter(configured);

            List<InterpreterCandidate> candidates = new InterpreterFinder(Map.of("PATH", binDir.toString()))
                    .candidates(spec);

            assertThat(candidates).containsExactly(
                    new InterpreterCandidate(List.of(configured.toString()), "configured"));
        }

        @Test
        void givenBackendVenvs_whenListingCandidates_thenVenvsComeFirstInFixedOrderThenPath() throws IOException {
            Path targetVenv = venvPython(backendDir, "target/venv");
            Path dotVenv = venvPython(backendDir, ".venv");
            Path plainVenv = venvPython(backendDir, "venv");
            Path python3 = executableScript(binDir.resolve("python3"), "exit 0");
            Path python = executableScript(binDir.resolve("python"), "exit 0");

            List<InterpreterCandidate> candidates = new InterpreterFinder(Map.of("PATH", binDir.toString()))
                    .candidates(backend(backendDir));

            assertThat(candidates).containsExactly(
                    new InterpreterCandidate(List.of(targetVenv.toString()), "backend venv"),
                    new InterpreterCandidate(List.of(dotVenv.toString()), "backend venv"),
                    new InterpreterCandidate(List.of(plainVenv.toString()), "backend venv"),
                    new InterpreterCandidate(List.of(python3.toString()), "PATH"),
                    new InterpreterCandidate(List.of(python.toString()), "PATH"));
        }

        @Test
        void givenNonExecutableFileFirstOnPath_whenListingCandidates_thenTheExecutableOneLaterOnPathIsListed()
                throws IOException {
            Path notExecutableDir = Files.createDirectory(binDir.resolve("first"));
            Files.writeString(notExecutableDir.resolve("python3"), "not a program");
            Path executableDir = Files.createDirectory(binDir.resolve("second"));
            Path python3 = executableScript(executableDir.resolve("python3"), "exit 0");

            List<InterpreterCandidate> candidates = new InterpreterFinder(
                    Map.of("PATH", notExecutableDir + File.pathSeparator + executableDir)).candidates(backend(backendDir));

            assertThat(candidates).first().isEqualTo(new InterpreterCandidate(List.of(python3.toString()), "PATH"));
        }

        @Test
        void givenNothingOnPath_whenListingCandidates_thenBareNamesAreStillTried() {
            List<InterpreterCandidate> candidates = new InterpreterFinder(Map.of("PATH", binDir.toString()))
                    .candidates(backend(backendDir));

            assertThat(candidates).containsExactly(
                    new InterpreterCandidate(List.of("python3"), "PATH"),
                    new InterpreterCandidate(List.of("python"), "PATH"));
        }

        private static Path venvPython(Path backendDir, String venv) throws IOException {
            Path python = backendDir.resolve(venv).resolve("bin/python");
            Files.createDirectories(python.getParent());
            return executableScript(python, "exit 0");
        }
    }

    /** Runs real (and fake) interpreters. */
    @Nested
    class Find {

        @TempDir
        Path backendDir;
        @TempDir
        Path binDir;

        private final SpawnedProcesses spawned = new SpawnedProcesses();

        @AfterEach
        void leaveNoProcessBehind() throws Exception {
            spawned.killSurvivors();
        }

        @Test
        void givenConfiguredWindowsStoreStub_whenFinding_thenInterpreterNotFoundExplainsWhatTheStubSaid()
                throws IOException {
            Path stub = storeStub(binDir.resolve("python"));

            InterpreterFinder.Discovery discovery = new InterpreterFinder().find(backend(backendDir).withInterpreter(stub));

            assertThat(discovery.interpreter()).isEmpty();
            assertThat(discovery.failure()).get().isInstanceOfSatisfying(InterpreterNotFound.class,
                    notFound -> assertThat(notFound.rejections()).containsExactly(stub + " (configured): exited with code "
                            + (STORE_STUB_EXIT & 0xFF) + " (" + STORE_STUB_MESSAGE + ")"));
        }

        @Test
        void givenBrokenPython3FirstOnPath_whenFinding_thenItIsRejectedAndTheNextCandidateIsChosen()
                throws IOException {
            Path brokenPython3 = storeStub(binDir.resolve("python3"));
            Path goodPython = Files.createSymbolicLink(binDir.resolve("python"), RealPython.executable());
            InterpreterFinder finder = new InterpreterFinder(
                    Map.of("PATH", binDir + File.pathSeparator + System.getenv("PATH")));

            InterpreterFinder.Discovery discovery = finder.find(backend(backendDir));

            assertThat(discovery.failure()).isEmpty();
            assertThat(discovery.interpreter()).get().satisfies(usable -> {
                assertThat(usable.candidate()).isEqualTo(new InterpreterCandidate(List.of(goodPython.toString()), "PATH"));
                assertThat(usable.version()).startsWith("3.");
            });
            assertThat(discovery.checks()).hasSize(2);
            assertThat(discovery.checks().get(0)).isInstanceOf(InterpreterCheck.Broken.class);
            assertThat(discovery.checks().get(0).explain())
                    .startsWith(brokenPython3 + " (PATH): exited with code ")
                    .contains(STORE_STUB_MESSAGE);
            assertThat(discovery.checks().get(1).explain()).contains("(PATH): Python 3.", ", usable");
        }

        @Test
        void givenBackendVenv_whenFinding_thenTheVenvIsChosenBeforePath() throws IOException {
            Path venvPython = backendDir.resolve("target/venv/bin/python");
            Files.createDirectories(venvPython.getParent());
            Files.createSymbolicLink(venvPython, RealPython.executable());

            InterpreterFinder.Discovery discovery = new InterpreterFinder().find(backend(backendDir));

            assertThat(discovery.interpreter()).get().extracting(InterpreterCheck.Usable::candidate)
                    .isEqualTo(new InterpreterCandidate(List.of(venvPython.toString()), "backend venv"));
            assertThat(discovery.checks()).hasSize(1);
        }

        @Test
        void givenModuleNotInstalled_whenChecking_thenMissingModulesNamesIt() {
            InterpreterCandidate real = new InterpreterCandidate(List.of(RealPython.executable().toString()), "test");

            InterpreterCheck check = new InterpreterFinder()
                    .check(real, List.of("json", "definitely_not_a_module_xyz"));

            assertThat(check).isInstanceOfSatisfying(InterpreterCheck.MissingModules.class, missing -> {
                assertThat(missing.modules()).containsExactly("definitely_not_a_module_xyz");
                assertThat(Path.of(missing.executable())).isEqualTo(RealPython.executable());
            });
        }

        @Test
        void givenOnlyCandidatesLackingAModule_whenFinding_thenPackagesMissingRatherThanNotFound() {
            Path real = RealPython.executable();
            BackendSpec spec = new BackendSpec(backendDir, PythonScript.MAIN_PY,
                    List.of("definitely_not_a_module_xyz"), Optional.of(real));

            InterpreterFinder.Discovery discovery = new InterpreterFinder().find(spec);

            assertThat(discovery.failure()).contains(new PackagesMissing("Python",
                    List.of("definitely_not_a_module_xyz"), real.toString(),
                    PythonBackendProfile.installCommand(spec, real.toString(),
                            List.of("definitely_not_a_module_xyz"))));
        }

        @Test
        void givenInterpreterThatHangs_whenFinding_thenRejectedAfterTheCheckTimeout() throws IOException {
            Path hanging = executableScript(binDir.resolve("python"), "exec sleep 120");
            BackendSpec spec = backend(backendDir).withInterpreter(hanging);

            InterpreterFinder.Discovery discovery = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> new InterpreterFinder(System.getenv(), Duration.ofSeconds(1)).find(spec));

            assertThat(discovery.checks()).singleElement().isInstanceOf(InterpreterCheck.Broken.class);
            assertThat(discovery.checks().get(0).explain()).contains("did not answer within");
        }

        private Path storeStub(Path path) throws IOException {
            return executableScript(path, "echo '" + STORE_STUB_MESSAGE + "'\nexit " + STORE_STUB_EXIT);
        }
    }

    private static BackendSpec backend(Path directory) {
        return new BackendSpec(directory, PythonScript.MAIN_PY, List.of("json"), Optional.empty());
    }

    private static Path executableScript(Path path, String body) throws IOException {
        Files.writeString(path, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
