package io.lifeline.adapter.cli.export;

import io.lifeline.adapter.cli.config.HealthContract;
import io.lifeline.domain.model.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The wait an init container runs, run here by the real interpreters: it passes once the dependency's check does,
 * and gives up with one line when the time is over. A TCP check against a socket of the test's own stands in for
 * the dependency's Service.
 */
class WaitLoopTest {

    private static final Duration INTERVAL = Duration.ofMillis(50);

    @TempDir
    Path dir;

    @Test
    void givenAListeningDependency_whenPythonWaits_thenItExits0() throws Exception {
        try (ServerSocket server = listening()) {
            Result result = run(wait("python3", server.getLocalPort(), Duration.ofSeconds(5)));

            assertThat(result.exit()).isZero();
            assertThat(result.output()).contains("app-db healthy");
        }
    }

    @Test
    void givenNothingListening_whenPythonWaits_thenItGivesUpAfterTheTimeout() throws Exception {
        Result result = run(wait("python3", closedPort(), Duration.ofMillis(300)));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("app-db healthy: not within 300ms");
    }

    @Test
    void givenAListeningDependency_whenNodeWaits_thenItExits0_andGivesUpWithoutOne() throws Exception {
        assumeTrue(onPath("node"), "node is not installed");
        try (ServerSocket server = listening()) {
            Result result = run(wait("node", server.getLocalPort(), Duration.ofSeconds(5)));

            assertThat(result.exit()).isZero();
            assertThat(result.output()).contains("app-db healthy");
        }
        Result result = run(wait("node", closedPort(), Duration.ofMillis(300)));
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("app-db healthy: not within 300ms");
    }

    private static List<String> wait(String program, int port, Duration timeout) {
        DeployedBackend db = ExportTestData.web().withCheck(ExportTestData.contract(HealthContract.TCP));
        db = new DeployedBackend(db.name(), db.command(), db.workingDir(), db.env(), db.secretEnv(),
                new Endpoint("127.0.0.1", port), true, false, db.check(), db.timeouts(), db.retry(), db.supervision(),
                db.stopGrace(), List.of(), db.interpreter(), db.image(), db.buildContext());
        DeployedBackend.Runtime runtime = program.equals("node") ? DeployedBackend.Runtime.NODE
                : DeployedBackend.Runtime.PYTHON;
        List<String> check = CheckCommand.of(db, runtime, program, "127.0.0.1").orElseThrow();
        return WaitLoop.of(check, "app-db healthy", timeout, INTERVAL);
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        Path output = dir.resolve("output.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        try {
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the wait ends by itself").isTrue();
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            process.destroyForcibly();
        }
    }

    private static ServerSocket listening() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = listening()) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String program) {
        return System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, program)));
    }

    private record Result(int exit, String output) {
    }
}
