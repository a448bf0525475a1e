package io.lifeline.adapter.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.testing.LifelineDirs;
import io.lifeline.adapter.cli.testing.StatusEvents;
import io.lifeline.adapter.process.PythonCommands;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.InertText;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.model.UnhealthyServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hostile health answer, command line or backend output reaches the terminal, the reports and the JSON events only
 * inert: no ESC, BEL or carriage return, no forged line, capped.
 */
class HostileTextOutputTest {

    private static final String FORGED = "[backend-startup-1] connected on 127.0.0.1:1 (forged)";
    private static final String HOSTILE = "\u001b]0;owned\u0007\n" + FORGED + "\r\u202e";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private TerminalStatusPublisher terminal(TerminalStatusPublisher.Style style) {
        LifelineConfig config = LifelineDirs.under(root).defaultConfig();
        return new TerminalStatusPublisher(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), config, style,
                PythonCommands.profileFor(config.backend().command()));
    }

    private static List<StatusEvent> hostileEvents() {
        HealthReport report = new HealthReport(HealthReport.Answer.SUCCESS, HOSTILE, Map.of(HOSTILE, HOSTILE),
                Optional.of(HOSTILE), OptionalLong.of(9), Optional.empty(), Optional.empty(), Optional.of(HOSTILE));
        List<String> output = List.of("Traceback", HOSTILE + "x".repeat(20_000));
        return List.of(StatusEvents.degraded(Map.of(HOSTILE, HOSTILE)),
                StatusEvents.crashedAfterConnect(1, output),
                StatusEvents.failed(new ExitedDuringStartup(1, output), 1, output),
                StatusEvents.failed(new UnhealthyServices(new HealthVerdict.Degraded(Map.of(HOSTILE, HOSTILE),
                        report)), 3, List.of()),
                StatusEvents.failed(new PortInUse(StatusEvents.ENDPOINT, new HealthVerdict.Foreign(HOSTILE, report)
                        .describe(), Optional.of(new PortHolder(9, Optional.of("python3 " + HOSTILE)))), 1, List.of()),
                new StatusEvent.Unhealthy(StatusEvents.CORRELATION_ID, StatusEvents.AT, HOSTILE),
                StatusEvents.stopped(HOSTILE));
    }

    @Test
    void givenHostileText_whenPublishedToThePlainTerminal_thenNoControlCharacterAndNoForgedLine() {
        TerminalStatusPublisher plain = terminal(TerminalStatusPublisher.Style.PLAIN);

        hostileEvents().forEach(plain::publish);

        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertInert(stdout + stderr);
        assertThat(stdout.lines()).hasSize(hostileEvents().size())
                .allMatch(line -> line.startsWith("[" + StatusEvents.CORRELATION_ID + "] "))
                .allMatch(line -> line.length() <= InertText.LINE + 40);
        assertThat(stdout).contains("\\u001b]0;owned\\u0007\\n" + FORGED);
        assertThat(stderr.lines()).noneMatch(line -> line.startsWith(FORGED))
                .allMatch(line -> line.length() <= InertText.LINE);
        assertThat(stderr).contains("    | \\u001b]0;owned");
    }

    @Test
    void givenHostileText_whenPublishedInColour_thenOnlyLifelinesOwnColourCodes() {
        TerminalStatusPublisher colour = terminal(new TerminalStatusPublisher.Style(false, true));

        hostileEvents().forEach(colour::publish);

        String withoutColours = out.toString(StandardCharsets.UTF_8).replaceAll("\u001b\\[(0|31|32|33)m", "");
        assertInert(withoutColours + err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void givenHostileText_whenWrittenAsJsonLines_thenEachEventOneValidLineAndDetailInert() throws Exception {
        JsonLinesStatusPublisher json = new JsonLinesStatusPublisher(new PrintStream(out, true,
                StandardCharsets.UTF_8), new Endpoint("127.0.0.1", 8000));

        hostileEvents().forEach(json::publish);

        String written = out.toString(StandardCharsets.UTF_8);
        assertInert(written);
        List<String> lines = written.lines().toList();
        assertThat(lines).hasSize(hostileEvents().size());
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertInert(event.path("detail").asText());
        }
        // The structured fields keep the answer as sent: Jackson escapes it on the wire.
        assertThat(JSON.readTree(lines.get(0)).toString()).contains("\\u001B]0;owned\\u0007\\n");
    }

    @Test
    void givenAHostilePhase_whenShownOnTheLiveLine_thenInert() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        LiveLine live = new LiveLine(new PrintStream(terminal, true, StandardCharsets.UTF_8));

        live.show(HOSTILE);
        live.stop();

        String shown = terminal.toString(StandardCharsets.UTF_8).replace("\r\u001b[2K", "");
        assertInert(shown);
        assertThat(shown).contains("\\u001b]0;owned");
    }

    private static void assertInert(String text) {
        assertThat(text).doesNotContain("\u001b", "\u0007", "\r", "\u202e");
    }
}
