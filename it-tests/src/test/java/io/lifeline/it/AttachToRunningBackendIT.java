package io.lifeline.it;

import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.StartBackendCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AttachToRunningBackendIT extends StartFlowTestBase {

    private Process running;

    @AfterEach
    void endTheBackendThisTestStarted() throws Exception {
        if (running != null && running.isAlive()) {
            running.destroy();
            if (!running.waitFor(10, TimeUnit.SECONDS)) {
                running.destroyForcibly();
            }
        }
    }

    @Test
    void givenHealthyBackendAlreadyRunning_whenStarting_thenAttachesWithoutSpawningAndLeavesItRunning()
            throws Exception {
        StartBackendCommand command = Fixture.command("healthy");
        running = startFixtureByHand(command.endpoint().port());
        awaitHealthy(command.endpoint().port());

        StatusEvent decided = startAndAwaitDecision(command);

        assertThat(decided).isInstanceOf(StatusEvent.Connected.class);
        StatusEvent.Connected connected = (StatusEvent.Connected) decided;
        assertThat(connected.attached()).isTrue();
        assertThat(connected.attempt()).isZero();
        assertThat(connected.pid()).hasValue(running.pid());
        assertThat(events.names()).containsExactly("connected");
        assertThat(ProcessHygiene.livingDescendants()).extracting(ProcessHandle::pid).containsExactly(running.pid());

        session.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(events.names()).containsExactly("connected", "stopped");
        assertThat(running.isAlive()).as("a backend Lifeline did not start is not Lifeline's to stop").isTrue();
        running.destroy();
        assertThat(running.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private static Process startFixtureByHand(int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Fixture.PYTHON.toString(), "main.py", "--port",
                Integer.toString(port), "--host", "127.0.0.1", "--correlation-id", "started-by-test")
                .directory(Fixture.DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Fixture.WORK.resolve("attach-fixture.out").toFile());
        Fixture.WORK.toFile().mkdirs();
        builder.environment().put("LIFELINE_RUN", "true");
        builder.environment().put("BACKEND_LOG_FILE", Fixture.WORK.resolve("backend.log").toString());
        return builder.start();
    }

    private static void awaitHealthy(int port) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        await("fixture started by the test answers").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }
}
