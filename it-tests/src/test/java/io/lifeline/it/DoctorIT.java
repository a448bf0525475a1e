package io.lifeline.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lifeline doctor} as a user runs it, against real interpreters and a fake Windows Store stub first on PATH:
 * the seed's "python3 is a stub, python is real" machine, reproduced on Linux.
 */
class DoctorIT extends CliTestBase {

    private static final String STORE_STUB_MESSAGE =
            "Python was not found; run without arguments to install from the Microsoft Store";
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path fakeBin;
    @TempDir
    Path backendDir;


    @BeforeEach
    void backendWithoutVenvAndStoreStubFirstOnPath() throws IOException {
        // No venv in the backend folder, so the PATH candidates are the ones tried.
        Files.writeString(backendDir.resolve("main.py"), "print('never started by doctor')\n");
        // Like the bundled backend's folder, which ships the requirements file the install command names.
        Files.writeString(backendDir.resolve("requirements.txt"), "fastapi\nuvicorn\n");
        executable(fakeBin.resolve("python3"), "echo '" + STORE_STUB_MESSAGE + "'\nexit 9009");
    }

    @Test
    void storeStubFirstOnPath_isRejectedWithWhatItSaid_andThePythonWithFastapiAfterItIsChosen() throws Exception {
        // "python" runs the fixture's venv, which has FastAPI and uvicorn: a usable interpreter on every machine.
        executable(fakeBin.resolve("python"), "exec '" + Fixture.PYTHON + "' \"$@\"");
        int port = Fixture.freePort();

        lifeline = doctor("--port", Integer.toString(port));

        assertThat(lifeline.exitCode(LIMIT)).as(String.join("\n", lifeline.stdout)).isZero();
        assertThat(lifeline.stdout).containsSubsequence(
                "[ok]   interpreter: " + fakeBin.resolve("python") + " (PATH), Python " + fixtureVersion(),
                "         rejected: " + fakeBin.resolve("python3") + " (PATH): exited with code " + (9009 & 0xFF)
                        + " (" + STORE_STUB_MESSAGE + ")",
                "         chosen: " + fakeBin.resolve("python") + " (PATH): Python " + fixtureVersion() + ", usable",
                "[ok]   backend-script: " + backendDir.resolve("main.py") + " is present",
                "[ok]   port: 127.0.0.1:" + port + " is free",
                "all 6 checks passed");
        assertThat(lifeline.stderr).isEmpty();
    }

    @Test
    void storeStubFirstOnPath_json_rejectsTheStubAndReportsTheRealPythonAfterItWithItsVersion() throws Exception {
        // "python" is the machine's own Python: whether it has FastAPI decides the outcome, and the exit code agrees.
        Path realPython = Path.of(systemPython());
        Files.createSymbolicLink(fakeBin.resolve("python"), realPython);

        lifeline = doctor("--json", "--port", Integer.toString(Fixture.freePort()));

        int exit = lifeline.exitCode(LIMIT);
        JsonNode document = new ObjectMapper().readTree(String.join("\n", lifeline.stdout));
        JsonNode interpreter = document.get("checks").get(1);
        assertThat(interpreter.get("name").asText()).isEqualTo("interpreter");
        JsonNode candidates = interpreter.get("items");
        assertThat(candidates).hasSize(2);
        JsonNode stub = candidates.get(0);
        assertThat(stub.get("command").asText()).isEqualTo(fakeBin.resolve("python3").toString());
        assertThat(stub.get("usable").asBoolean()).isFalse();
        assertThat(stub.get("version").isNull()).isTrue();
        assertThat(stub.get("explanation").asText()).contains(STORE_STUB_MESSAGE);
        JsonNode real = candidates.get(1);
        assertThat(real.get("command").asText()).isEqualTo(fakeBin.resolve("python").toString());
        assertThat(real.get("version").asText()).matches("3\\.\\d+\\.\\d+.*");
        assertThat(Path.of(real.get("executable").asText()).toRealPath()).isEqualTo(realPython.toRealPath());

        boolean usable = real.get("usable").asBoolean();
        assertThat(interpreter.get("ok").asBoolean()).isEqualTo(usable);
        assertThat(real.get("chosen").asBoolean()).isEqualTo(usable);
        if (usable) {
            assertThat(exit).isZero();
            assertThat(document.get("ok").asBoolean()).isTrue();
        } else {
            assertThat(exit).isEqualTo(24);
            assertThat(document.get("ok").asBoolean()).isFalse();
            List<String> missing = new ObjectMapper().convertValue(real.get("missingModules"),
                    new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { });
            if (!missing.isEmpty()) {
                assertThat(missing).isSubsetOf("fastapi", "uvicorn");
                assertThat(interpreter.get("remedy").asText()).isEqualTo("Install them: " + fakeBin.resolve("python")
                        + " -m pip install -r " + backendDir.resolve("requirements.txt"));
            } else {
                assertThat(interpreter.get("remedy").asText()).startsWith("Install Python 3.10+");
            }
        }
        assertThat(lifeline.stderr).isEmpty();
    }

    @Test
    void portHeldByThisTestsJvm_failsThePortCheckNamingOurPid_andExits24() throws Exception {
        executable(fakeBin.resolve("python"), "exec '" + Fixture.PYTHON + "' \"$@\"");
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = held.getLocalPort();

            lifeline = doctor("--port", Integer.toString(port));

            assertThat(lifeline.exitCode(LIMIT)).as(String.join("\n", lifeline.stdout)).isEqualTo(24);
            long ourPid = ProcessHandle.current().pid();
            assertThat(lifeline.stdout).anyMatch(line -> line.startsWith(
                    "[FAIL] port: 127.0.0.1:" + port + " is held by pid " + ourPid + " ("));
            assertThat(lifeline.stdout).contains("         remedy: Stop it (kill " + ourPid
                    + "), or start on another port with --port", "1 of 6 checks failed");
        }
    }

    private LifelineCli doctor(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("doctor", "--backend-dir", backendDir.toString(),
                "--run-dir", LifelineCli.RUN_DIR.toString()));
        command.addAll(List.of(args));
        String path = fakeBin + File.pathSeparator + System.getenv("PATH");
        return LifelineCli.run(Map.of("PATH", path), command.toArray(String[]::new));
    }

    private static String fixtureVersion() throws IOException, InterruptedException {
        return run(Fixture.PYTHON.toString(), "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])");
    }

    /** The machine's Python 3, asked with the test's own PATH (the stub is only on the CLI's). */
    private static String systemPython() throws IOException, InterruptedException {
        return run("python3", "-c", "import sys; print(sys.executable)");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", List.of(command), output).isZero();
        return output;
    }

    private static Path executable(Path path, String body) throws IOException {
        Files.writeString(path, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
