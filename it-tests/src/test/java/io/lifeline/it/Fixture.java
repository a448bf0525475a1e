package io.lifeline.it;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Where the bundled FastAPI fixture lives, and commands that start it in a given scenario. */
final class Fixture {

    static final Path DIR = Path.of(System.getProperty("lifeline.fixture.dir", "../fixture-backend"))
            .toAbsolutePath().normalize();
    static final Path PYTHON = DIR.resolve("target/venv/bin/python");
    static final Path JAR = Path.of(System.getProperty("lifeline.jar", "../adapters-ui-cli/target/lifeline.jar"))
            .toAbsolutePath().normalize();
    static final Path WORK = Path.of(System.getProperty("lifeline.it.work", "target/it-work")).toAbsolutePath();

    private Fixture() {
    }

    /** An ephemeral loopback port that was free a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture started by the test itself, as something else would hold the port; stdin stays open. */
    static Process startByHand(String scenario, int port, Map<String, String> env) throws IOException {
        Files.createDirectories(WORK);
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "main.py", "--port", Integer.toString(port),
                "--host", "127.0.0.1", "--correlation-id", "started-by-test")
                .directory(DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve("by-hand-" + scenario + ".out").toFile());
        builder.environment().putAll(env);
        builder.environment().put("FIXTURE_SCENARIO", scenario);
        builder.environment().put("LIFELINE_RUN", "true");
        builder.environment().put("BACKEND_LOG_FILE", WORK.resolve("backend.log").toString());
        return builder.start();
    }

    /** Waits until whatever listens on {@code port} answers /health with HTTP 200. */
    static void awaitAnswering(int port) {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(1)).build();
        java.net.http.HttpRequest request = java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        org.awaitility.Awaitility.await("fixture started by the test answers").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200);
    }

    /** Ends a process the test started, by pid, and waits for it. */
    static void end(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    static void requireBuilt() {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException("the fixture's venv is missing at " + PYTHON
                    + "; build it with: mvn -pl fixture-backend generate-resources");
        }
    }
}
