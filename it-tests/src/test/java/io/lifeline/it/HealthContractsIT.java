package io.lifeline.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A backend that is not Lifeline's kind: a plain web server ({@code python3 -m http.server}) with no health JSON at
 * all, checked by {@code lifeline status} under each contract that can read it.
 */
class HealthContractsIT {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private Process webServer;

    @AfterEach
    void endTheWebServer() throws Exception {
        Fixture.end(webServer);
    }

    @Test
    void plainWebServer_isHealthyByStatusCodeAndTcp_andNotALifelineBackend() throws Exception {
        int port = Fixture.freePort();
        Path site = Files.createDirectories(Fixture.WORK.resolve("plain-site"));
        Files.writeString(site.resolve("index.html"), "<html><body>hello</body></html>");
        webServer = new ProcessBuilder(Fixture.PYTHON.toString(), "-m", "http.server", Integer.toString(port),
                "--bind", "127.0.0.1").directory(site.toFile()).redirectErrorStream(true)
                .redirectOutput(Fixture.WORK.resolve("plain-site.log").toFile()).start();
        awaitListening(port);

        LifelineCli byStatusCode = status(port, "--health", "status-code", "--health-path", "/");
        LifelineCli byTcp = status(port, "--health", "tcp");
        LifelineCli asLifeline = status(port);

        assertThat(byStatusCode.exitCode(LIMIT)).as("status-code: %s", byStatusCode.stdout).isZero();
        assertThat(byTcp.exitCode(LIMIT)).as("tcp: %s", byTcp.stdout).isZero();
        assertThat(asLifeline.exitCode(LIMIT)).as("lifeline: %s", asLifeline.stdout).isEqualTo(23);
        assertThat(String.join("\n", asLifeline.stdout)).contains("HTTP 404");
    }

    @Test
    void statusCodeContract_onAMissingPath_isNotHealthyAndSaysWhatAnswered() throws Exception {
        int port = Fixture.freePort();
        Path site = Files.createDirectories(Fixture.WORK.resolve("plain-site-2"));
        webServer = new ProcessBuilder(Fixture.PYTHON.toString(), "-m", "http.server", Integer.toString(port),
                "--bind", "127.0.0.1").directory(site.toFile()).redirectErrorStream(true)
                .redirectOutput(Fixture.WORK.resolve("plain-site-2.log").toFile()).start();
        awaitListening(port);

        LifelineCli missing = status(port, "--health", "status-code", "--health-path", "/healthz");

        assertThat(missing.exitCode(LIMIT)).as("status-code on /healthz: %s", missing.stdout).isEqualTo(23);
        assertThat(String.join("\n", missing.stdout)).contains("404");
    }

    /** It has no /health: wait until it accepts connections. */
    private static void awaitListening(int port) {
        await("web server listens").atMost(LIMIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        return socket.isConnected();
                    }
                });
    }

    private static LifelineCli status(int port, String... flags) throws IOException {
        String[] args = new String[flags.length + 3];
        args[0] = "status";
        args[1] = "--port";
        args[2] = Integer.toString(port);
        System.arraycopy(flags, 0, args, 3, flags.length);
        return LifelineCli.run(Map.of(), args);
    }
}
