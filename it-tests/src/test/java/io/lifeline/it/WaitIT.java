package io.lifeline.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lifeline wait} against a fixture started by hand: ready means ready by the health contract, not a 2xx. */
class WaitIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Process backend;

    @AfterEach
    void endTheBackend() throws Exception {
        Fixture.end(backend);
        ProcessHygiene.assertNoProcessLeft();
    }

    @Test
    void aBackendStillBooting_isWaitedFor_exit0() throws Exception {
        int port = Fixture.freePort();
        backend = Fixture.startByHand("slow-start", port, Map.of("FIXTURE_STARTUP_DELAY", "1.5"));

        LifelineCli wait = LifelineCli.run(Map.of(), "wait", "--port", Integer.toString(port));

        assertThat(wait.exitCode(LIMIT)).as("stdout %s", wait.stdout).isZero();
        assertThat(wait.stdout).singleElement().asString()
                .matches("ready: backend 127\\.0\\.0\\.1:" + port + " healthy after \\d+\\.\\d\\d s \\(\\d+ probes\\)");
    }

    @Test
    void aBackendWithAnUnhealthyService_isNotReady_exit17_namingTheService() throws Exception {
        int port = Fixture.freePort();
        backend = Fixture.startByHand("unhealthy", port, Map.of());

        LifelineCli wait = LifelineCli.run(Map.of(), "wait", "--port", Integer.toString(port), "--startup-timeout",
                "3s");

        assertThat(wait.exitCode(LIMIT)).as("stdout %s", wait.stdout).isEqualTo(17);
        assertThat(String.join("\n", wait.stdout)).contains("not ready: backend 127.0.0.1:" + port)
                .contains("cache: unhealthy");
    }

    @Test
    void nothingOnThePort_isAHealthTimeout_exit16() throws Exception {
        int port = Fixture.freePort();

        LifelineCli wait = LifelineCli.run(Map.of(), "wait", "--port", Integer.toString(port), "--startup-timeout",
                "1s");

        assertThat(wait.exitCode(LIMIT)).as("stdout %s", wait.stdout).isEqualTo(16);
        assertThat(String.join("\n", wait.stdout)).contains("Backend did not become healthy within 1s")
                .contains("connection refused");
    }
}
