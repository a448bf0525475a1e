package io.lifeline.it;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.port.in.StartBackendCommand;

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

    /** A command for the fixture in {@code scenario}, with delays short enough for tests. */
    static StartBackendCommand command(String scenario, Map<String, String> extraEnv) {
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("FIXTURE_SCENARIO", scenario);
        env.put("BACKEND_LOG_FILE", WORK.resolve("backend.log").toString());
        BackendSpec backend = BackendSpec.in(DIR).withEnvironment(env);
        return new StartBackendCommand(backend, new Endpoint("127.0.0.1", freePort()),
                RetryPolicy.DEFAULT.withInitialDelay(Duration.ofMillis(200)),
                TimeoutPolicy.DEFAULT.withStartupTimeout(Duration.ofSeconds(20)),
                HealthAcceptance.DEFAULT, Duration.ofSeconds(5));
    }

    static StartBackendCommand command(String scenario) {
        return command(scenario, Map.of());
    }

    static void requireBuilt() {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException("the fixture's venv is missing at " + PYTHON
                    + "; build it with: mvn -pl fixture-backend generate-resources");
        }
    }
}
