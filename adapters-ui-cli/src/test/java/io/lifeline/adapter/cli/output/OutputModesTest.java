package io.lifeline.adapter.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.testing.LifelineDirs;
import io.lifeline.adapter.cli.testing.StatusEvents;
import io.lifeline.adapter.process.PythonCommands;
import io.lifeline.domain.model.BackendExited;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** How status events look in each output mode: plain, coloured, and JSON Lines. */
class OutputModesTest {

    private static final String ESCAPE = "\u001b";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Endpoint ENDPOINT = new Endpoint("127.0.0.1", 8000);

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private TerminalStatusPublisher terminal(TerminalStatusPublisher.Style style) {
        LifelineConfig config = LifelineDirs.under(root).loader(Map.of()).load(java.util.Optional.empty(), Map.of());
        return new TerminalStatusPublisher(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), config, style,
                PythonCommands.profileFor(config.backend().command()));
    }

    @Test
    void givenPlainStyle_whenPublishing_thenNoEscapeCodesAtAll() {
        TerminalStatusPublisher plain = terminal(TerminalStatusPublisher.Style.PLAIN);

        plain.publish(StatusEvents.launchingFirstOfThree());
        plain.publish(StatusEvents.connectedOnFirstAttemptAfter(Duration.ofMillis(520)));
        plain.publish(StatusEvents.failed(new ExitedDuringStartup(3, List.of("boom")), 3,
                List.of("boom")));

        assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).doesNotContain(ESCAPE);
    }

    @Test
    void givenColourStyle_whenConnected_thenTheLineIsGreenAndReset() {
        terminal(new TerminalStatusPublisher.Style(false, true))
                .publish(StatusEvents.connectedOnFirstAttemptAfter(Duration.ofMillis(520)));

        assertThat(out.toString(StandardCharsets.UTF_8)).contains(ESCAPE + "[32mconnected on").contains(ESCAPE + "[0m");
    }

    @Test
    void givenNoColorInTheEnvironment_whenDetecting_thenNoColour() {
        assertThat(TerminalStatusPublisher.Style.detect(Map.of("NO_COLOR", "1")).colour()).isFalse();
    }

    @Test
    void givenNoTerminal_whenDetecting_thenNoLiveLineAndNoColour() {
        // Tests never run with a console attached: this is the pipe/CI case.
        assertThat(System.console()).isNull();
        assertThat(TerminalStatusPublisher.Style.detect(Map.of())).isEqualTo(TerminalStatusPublisher.Style.PLAIN);
    }

    @Test
    void givenEachEvent_whenWrittenAsJson_thenTheCommonFieldsAreAlwaysThere() throws Exception {
        List<StatusEvent> all = List.of(StatusEvents.launchingFirstOfThree(),
                StatusEvents.connectedOnFirstAttemptAfter(Duration.ofMillis(520)),
                StatusEvents.retryingSecondOfThreeIn(Duration.ofSeconds(2),
                        new ExitedDuringStartup(3, List.of("boom"))),
                StatusEvents.degraded(Map.of("database", "degraded")),
                StatusEvents.crashedAfterConnect(4, List.of("bye")),
                StatusEvents.failed(new ExitedDuringStartup(3, List.of("boom")), 3, List.of("boom")),
                StatusEvents.stopped("backend stopped"));

        for (StatusEvent event : all) {
            JsonNode json = JSON.readTree(StatusEventJson.render(event, ENDPOINT));
            assertThat(json.fieldNames()).toIterable()
                    .contains("status", "port", "pid", "attempt", "correlationId", "timestamp", "detail");
            assertThat(json.path("status").asText()).isEqualTo(event.name());
            assertThat(json.path("port").asInt()).isEqualTo(8000);
            assertThat(json.path("correlationId").asText()).isEqualTo(StatusEvents.CORRELATION_ID.value());
        }
    }

    @Test
    void givenAFailure_whenWrittenAsJson_thenClassRemedyExitCodeAndLastOutput() throws Exception {
        JsonNode json = JSON.readTree(StatusEventJson.render(StatusEvents.failed(
                new ExitedDuringStartup(3, List.of("boom")), 3, List.of("line 1", "boom")), ENDPOINT));

        assertThat(json.path("failure").asText()).isEqualTo("EXITED_DURING_STARTUP");
        assertThat(json.path("exitCode").asInt()).isEqualTo(15);
        assertThat(json.path("remedy").asText()).isNotBlank();
        assertThat(json.path("lastOutput")).hasSize(2);
        assertThat(json.path("attempt").asInt()).isEqualTo(3);
    }

    @Test
    void givenARestart_whenWrittenAsJson_thenRestartNumberAndDelay() throws Exception {
        StatusEvent.Retrying restart = new StatusEvent.Retrying(StatusEvents.CORRELATION_ID, StatusEvents.AT, 1, 3,
                Duration.ofSeconds(4), new BackendExited(OptionalInt.of(1), List.of()), 2);

        JsonNode json = JSON.readTree(StatusEventJson.render(restart, ENDPOINT));

        assertThat(json.path("restart").asInt()).isEqualTo(2);
        assertThat(json.path("delayMs").asLong()).isEqualTo(4000);
        assertThat(json.path("failure").asText()).isEqualTo("BACKEND_EXITED");
    }
}
