package io.lifeline.adapter.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeline.adapter.cli.config.LocalPorts;
import io.lifeline.adapter.cli.testing.LifelineDirs;
import io.lifeline.adapter.process.LocalProgramCheck;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.InterpreterCandidateReport;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.port.in.DiagnoseSetupUseCase;
import io.lifeline.domain.port.out.InterpreterDiagnosis;
import io.lifeline.domain.port.out.ProgramCheck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lifeline doctor} against fake interpreters and a fake port-owner lookup; ports and folders are real. */
class DoctorCommandTest {

    private static final String STORE_STUB_EXPLANATION = "exited with code 9009 (Python was not found; run without"
            + " arguments to install from the Microsoft Store)";
    private static final InterpreterCandidateReport STORE_STUB = new InterpreterCandidateReport(
            "/fake/WindowsApps/python3", "PATH", false, Optional.empty(), Optional.empty(), List.of(),
            STORE_STUB_EXPLANATION);
    private static final InterpreterCandidateReport GOOD_PYTHON = new InterpreterCandidateReport(
            "/usr/bin/python", "PATH", true, Optional.of("3.12.1"), Optional.of("/usr/bin/python3.12"), List.of(),
            "Python 3.12.1, usable");
    private static final InterpreterCandidateReport PYTHON_WITHOUT_FASTAPI = new InterpreterCandidateReport(
            "/usr/bin/python", "PATH", false, Optional.of("3.12.1"), Optional.of("/usr/bin/python3.12"),
            List.of("fastapi", "uvicorn"), "Python 3.12.1, cannot import fastapi, uvicorn");
    private static final PortHolder HOLDER = new PortHolder(4242, Optional.of("python3 -m http.server"));

    @TempDir
    Path root;

    private TestCommands commands;
    private final List<Endpoint> portOwnerQuestions = new ArrayList<>();
    private LifelineDirs dirs;
    private List<InterpreterCandidateReport> candidates = List.of(STORE_STUB, GOOD_PYTHON);

    @BeforeEach
    void createFoldersAndBackendScript() throws IOException {
        dirs = LifelineDirs.under(root);
        Files.writeString(dirs.bundledBackend().resolve("main.py"), "print('backend')\n");
    }

    @Test
    void givenStoreStubThenGoodPython_whenRunningDoctor_thenBothCandidatesAreListedTheGoodOneChosenAndExitZero() {
        int port = freePort();

        int code = execute("doctor", "--port", Integer.toString(port));

        assertThat(code).as(stdout()).isZero();
        assertThat(stdout().lines()).containsSubsequence(
                "[ok]   config: valid; 1 setting differs from the default",
                "         port = " + port + " (from flag --port)",
                "[ok]   interpreter: /usr/bin/python (PATH), Python 3.12.1",
                "         rejected: /fake/WindowsApps/python3 (PATH): " + STORE_STUB_EXPLANATION,
                "         chosen: /usr/bin/python (PATH): Python 3.12.1, usable",
                "[ok]   backend-script: " + dirs.bundledBackend().resolve("main.py") + " is present",
                "[ok]   port: 127.0.0.1:" + port + " is free",
                "[ok]   log-dir: log folder " + dirs.defaultLogDir() + " is writable",
                "[ok]   run-dir: run folder " + dirs.userHome().resolve(".lifeline/run") + " is writable",
                "all 6 checks passed");
        assertThat(stdout()).doesNotContain("remedy:");
        assertThat(commands.stderr()).isEmpty();
        assertThat(portOwnerQuestions).as("a free port needs no owner").isEmpty();
    }

    @Test
    void givenACommandThatRunsItsOwnProgram_whenRunningDoctor_thenTheProgramIsCheckedAndNoInterpreter()
            throws IOException {
        int port = freePort();
        Path server = Files.writeString(dirs.workingDirectory().resolve("server"), "#!/bin/sh\n");
        assertThat(server.toFile().setExecutable(true)).isTrue();

        int code = execute("doctor", "--port", Integer.toString(port), "--command", "./server --port {port}");

        assertThat(code).as(stdout()).isZero();
        assertThat(stdout().lines()).containsSubsequence(
                "[ok]   config: valid; 2 settings differ from the default",
                "         command = ./server --port {port} (from flag --command)",
                "[ok]   program: " + server + " can be run, in " + dirs.workingDirectory(),
                "[ok]   port: 127.0.0.1:" + port + " is free",
                "all 5 checks passed");
        assertThat(stdout()).doesNotContain("interpreter");
    }

    @Test
    void givenACommandWhoseProgramIsMissingOrNotExecutable_whenRunningDoctor_thenTheProgramCheckFailsWithTheRemedy()
            throws IOException {
        Files.writeString(dirs.workingDirectory().resolve("server.sh"), "#!/bin/sh\n");

        int missing = execute("doctor", "--port", Integer.toString(freePort()), "--command", "no-such-server-xyz");
        String missingReport = stdout();
        int notExecutable = execute("doctor", "--port", Integer.toString(freePort()), "--command", "./server.sh");

        assertThat(missing).isEqualTo(24);
        assertThat(missingReport).contains("[FAIL] program: Backend program not found: no-such-server-xyz (looked in"
                + " PATH: ").contains("remedy: Install it, or fix the program in --command");
        assertThat(notExecutable).isEqualTo(24);
        assertThat(stdout()).contains("[FAIL] program: Backend program cannot be run: "
                + dirs.workingDirectory().resolve("server.sh") + " (no execute permission)")
                .contains("remedy: Make it executable (chmod +x");
    }

    @Test
    void givenPortHeldByAnotherProcess_whenRunningDoctor_thenPortCheckFailsNamingThePidAndExit24() throws IOException {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = held.getLocalPort();

            int code = execute("doctor", "--port", Integer.toString(port));

            assertThat(code).isEqualTo(24);
            assertThat(stdout().lines()).containsSubsequence(
                    "[FAIL] port: 127.0.0.1:" + port + " is held by pid 4242 (python3 -m http.server)",
                    "         if it is a healthy Lifeline backend, lifeline start attaches to it instead of starting"
                            + " another",
                    "         remedy: Stop it (kill 4242), or start on another port with --port",
                    "1 of 6 checks failed");
            assertThat(portOwnerQuestions).containsExactly(new Endpoint("127.0.0.1", port));
        }
    }

    @Test
    void givenInvalidPort_whenRunningDoctor_thenConfigCheckFailsWithTheMessageTheRestIsSkippedAndExit24() {
        int code = execute("doctor", "--port", "abc");

        assertThat(code).as("doctor reports an invalid value, it does not refuse it").isEqualTo(24);
        assertThat(stdout().lines().findFirst()).get().asString()
                .startsWith("[FAIL] config: invalid port 'abc' (from flag --port): must be a whole number");
        assertThat(stdout().lines()).contains(
                "[skip] interpreter: skipped: needs a valid configuration",
                "[skip] port: skipped: needs a valid configuration",
                "1 of 6 checks failed, 5 skipped");
        assertThat(commands.opened()).as("nothing is checked live without a configuration").isZero();
        assertThat(commands.stderr()).isEmpty();
    }

    @Test
    void givenARunFolderOthersCanWrite_whenRunningDoctor_thenTheRunDirCheckFailsNamingItsModeAndTheFix()
            throws java.io.IOException {
        candidates = List.of(GOOD_PYTHON);
        Path shared = LifelineDirs.createFolder(root.resolve("shared-run"));
        java.nio.file.Files.setPosixFilePermissions(shared,
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));

        int code = execute("doctor", "--port", Integer.toString(freePort()), "--run-dir", shared.toString());

        assertThat(code).isEqualTo(24);
        assertThat(stdout().lines()).containsSubsequence(
                "[FAIL] run-dir: the run folder " + shared + " is not private: its mode is 0777: group and others"
                        + " can write to it (from flag --run-dir)",
                "         remedy: chmod 700 " + shared);
    }

    @Test
    void givenBrokenCandidateAfterTheChosenOne_whenRunningDoctor_thenItIsListedAsNotUsableRatherThanRejected() {
        candidates = List.of(GOOD_PYTHON, STORE_STUB);

        int code = execute("doctor", "--port", Integer.toString(freePort()));

        assertThat(code).isZero();
        assertThat(stdout().lines()).containsSubsequence(
                "         chosen: /usr/bin/python (PATH): Python 3.12.1, usable",
                "         not usable: /fake/WindowsApps/python3 (PATH): " + STORE_STUB_EXPLANATION);
    }

    @Test
    void givenOnlyAPythonWithoutFastapi_whenRunningDoctor_thenInterpreterCheckFailsWithThePipCommand() {
        candidates = List.of(STORE_STUB, PYTHON_WITHOUT_FASTAPI);

        int code = execute("doctor", "--port", Integer.toString(freePort()));

        assertThat(code).isEqualTo(24);
        assertThat(stdout().lines()).containsSubsequence(
                "[FAIL] interpreter: no usable Python among 2 candidates",
                "         rejected: /fake/WindowsApps/python3 (PATH): " + STORE_STUB_EXPLANATION,
                "         rejected: /usr/bin/python (PATH): Python 3.12.1, cannot import fastapi, uvicorn",
                "         remedy: Install them: /usr/bin/python -m pip install -r "
                        + dirs.bundledBackend().resolve("requirements.txt"));
    }

    @Test
    void givenNoUsableCandidateAndNoneMissingModules_whenRunningDoctor_thenRemedyIsToInstallPython() {
        candidates = List.of(STORE_STUB);

        execute("doctor", "--port", Integer.toString(freePort()));

        assertThat(stdout().lines()).contains("[FAIL] interpreter: no usable Python among 1 candidate")
                .anyMatch(line -> line.startsWith("         remedy: Install Python 3.10+"));
    }

    @Test
    void givenBackendFolderWithoutMainPy_whenRunningDoctor_thenBackendScriptCheckFails() {
        Path empty = LifelineDirs.createFolder(root.resolve("empty-backend"));

        int code = execute("doctor", "--port", Integer.toString(freePort()), "--backend-dir", empty.toString());

        assertThat(code).isEqualTo(24);
        assertThat(stdout().lines()).containsSubsequence(
                "[FAIL] backend-script: not found: " + empty.resolve("main.py"),
                "         remedy: Point --backend-dir at the folder that holds the backend's main.py");
    }

    @Test
    void givenRunDirThatIsAFile_whenRunningDoctor_thenRunDirCheckFails() {
        Path file = dirs.write("run-file", "x");

        int code = execute("doctor", "--port", Integer.toString(freePort()), "--run-dir", "run-file");

        assertThat(code).isEqualTo(24);
        assertThat(stdout().lines()).contains(
                "[FAIL] run-dir: run folder " + file + " (from flag --run-dir) is a file, not a folder");
    }

    @Test
    void givenJson_whenRunningDoctor_thenOneJsonDocumentWithEveryCheckAndItsFields() throws IOException {
        int port = freePort();

        int code = execute("doctor", "--json", "--port", Integer.toString(port));

        assertThat(code).isZero();
        JsonNode document = new ObjectMapper().readTree(stdout());
        assertThat(document.get("ok").asBoolean()).isTrue();
        JsonNode checks = document.get("checks");
        assertThat(checks).extracting(check -> check.get("name").asText())
                .containsExactly("config", "interpreter", "backend-script", "port", "log-dir", "run-dir");
        assertThat(checks).allSatisfy(check -> {
            assertThat(check.get("ok").asBoolean()).isTrue();
            assertThat(check.has("detail")).isTrue();
            assertThat(check.has("remedy")).isTrue();
            assertThat(check.get("items").isArray()).isTrue();
        });
        JsonNode interpreter = checks.get(1).get("items");
        assertThat(interpreter).hasSize(2);
        assertThat(interpreter.get(0).get("command").asText()).isEqualTo("/fake/WindowsApps/python3");
        assertThat(interpreter.get(0).get("usable").asBoolean()).isFalse();
        assertThat(interpreter.get(0).get("chosen").asBoolean()).isFalse();
        assertThat(interpreter.get(0).get("explanation").asText()).contains("9009");
        assertThat(interpreter.get(0).get("version").isNull()).isTrue();
        assertThat(interpreter.get(1).get("chosen").asBoolean()).isTrue();
        assertThat(interpreter.get(1).get("version").asText()).isEqualTo("3.12.1");
        assertThat(checks.get(0).get("items").get(0).get("source").asText()).isEqualTo("flag --port");
    }

    @Test
    void givenJsonAndHeldPort_whenRunningDoctor_thenNotOkAndThePortCheckCarriesPidAndRemedy() throws IOException {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int code = execute("doctor", "--json", "--port", Integer.toString(held.getLocalPort()));

            assertThat(code).isEqualTo(24);
            JsonNode document = new ObjectMapper().readTree(stdout());
            assertThat(document.get("ok").asBoolean()).isFalse();
            JsonNode port = document.get("checks").get(3);
            assertThat(port.get("name").asText()).isEqualTo("port");
            assertThat(port.get("ok").asBoolean()).isFalse();
            assertThat(port.get("remedy").asText()).contains("kill 4242");
            assertThat(port.get("items").get(0).get("pid").asLong()).isEqualTo(4242);
        }
    }

    @Test
    void givenDoctorHelp_whenRunning_thenItListsItsOptionsAndExitCode24() {
        int code = execute("doctor", "--help");

        assertThat(code).isZero();
        assertThat(stdout()).startsWith("Usage: lifeline doctor").contains("--json").contains("--port=PORT")
                .contains("--backend-dir=DIR").contains("--python=PYTHON").contains("--run-dir=DIR")
                .contains("   24  doctor: at least one check failed");
    }

    private int execute(String... args) {
        commands = new TestCommands(dirs.loader()).diagnosingWith(new DiagnoseSetupUseCase() {
            @Override
            public InterpreterDiagnosis.Findings interpreters(BackendSpec backend) {
                return InterpreterDiagnosis.Findings.of(candidates);
            }

            @Override
            public ProgramCheck.Finding program(BackendSpec backend) {
                return new LocalProgramCheck().check(backend);
            }

            @Override
            public Optional<PortHolder> holderOf(Endpoint endpoint) {
                portOwnerQuestions.add(endpoint);
                return Optional.of(HOLDER);
            }
        });
        return commands.execute(args);
    }

    private String stdout() {
        return commands.stdout();
    }

    private static int freePort() {
        return LocalPorts.freePort("127.0.0.1");
    }
}
