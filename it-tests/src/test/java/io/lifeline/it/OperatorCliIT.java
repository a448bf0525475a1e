package io.lifeline.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a front end scripts and what a person reads: JSON events, provenance of every setting, the log's story. */
class OperatorCliIT extends CliTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ESCAPE = "\u001b";


    @Test
    void jsonEvents_withPortAuto_followTheDocumentedSchemaAndTheBackendServesOnTheReportedPort() throws Exception {
        lifeline = LifelineCli.run(Map.of("FIXTURE_SCENARIO", "healthy"), "start", "--json", "--port", "auto");

        await("connected event").atMost(Duration.ofSeconds(60))
                .until(() -> events().stream().anyMatch(event -> event.path("status").asText().equals("connected")));
        JsonNode connected = events().stream().filter(event -> event.path("status").asText().equals("connected"))
                .findFirst().orElseThrow();
        int port = connected.path("port").asInt();
        assertThat(port).isBetween(1, 65_535);
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"pid\":" + connected.path("pid").asLong());

        lifeline.sigterm();
        assertThat(lifeline.exitCode(Duration.ofSeconds(30))).isZero();

        List<JsonNode> events = events();
        assertThat(events).extracting(event -> event.path("status").asText())
                .containsExactly("launching", "connected", "stopped");
        for (JsonNode event : events) {
            assertSchema(event);
            assertThat(event.path("port").asInt()).isEqualTo(port);
            assertThat(event.path("correlationId").asText()).isEqualTo(connected.path("correlationId").asText());
        }
        assertThat(connected.path("attempt").asInt()).isEqualTo(1);
        assertThat(lifeline.stderr).as("human text goes to stderr in JSON mode")
                .anyMatch(line -> line.contains("connected on 127.0.0.1:" + port));
        assertThat(String.join("\n", lifeline.stdout) + String.join("\n", lifeline.stderr))
                .as("no escape codes when the output is not a terminal").doesNotContain(ESCAPE);
    }

    @Test
    void config_showsEveryValueWithItsSource(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("team.yaml");
        Files.writeString(file, "# shared settings\nretryDelay: 750ms\nmaxRetries: 4\n");

        lifeline = LifelineCli.run(Map.of("BACKEND_HOST", "127.0.0.1"), "config", "--config", file.toString(),
                "--port", "9123");

        assertThat(lifeline.exitCode(Duration.ofSeconds(30))).isZero();
        assertThat(lifeline.stdout)
                .anyMatch(line -> line.matches("port\\s+9123\\s+\\(flag --port\\)"))
                .anyMatch(line -> line.matches("host\\s+127\\.0\\.0\\.1\\s+\\(env BACKEND_HOST\\)"))
                .anyMatch(line -> line.matches("retryDelay\\s+750ms\\s+\\(team\\.yaml:2\\)"))
                .anyMatch(line -> line.matches("maxAttempts\\s+4\\s+\\(team\\.yaml:3\\)"))
                .anyMatch(line -> line.matches("startupTimeout\\s+30s\\s+\\(default\\)"))
                .contains("note: maxRetries (team.yaml:3) is the old name of maxAttempts; it still works, but write"
                        + " maxAttempts");
    }

    @Test
    void logFile_tellsTheWholeStoryOfARun() throws Exception {
        lifeline = LifelineCli.run(Map.of("FIXTURE_SCENARIO", "crash"), "start", "--port", "auto",
                "--retry-delay", "100ms", "--max-retries", "2");

        assertThat(lifeline.exitCode(Duration.ofSeconds(60))).isEqualTo(15);

        Matcher id = Pattern.compile("Correlation id: (backend-startup-\\d+)").matcher(String.join("\n", lifeline.stderr));
        assertThat(id.find()).isTrue();
        List<String> story = new ArrayList<>();
        for (String line : Files.readAllLines(LifelineCli.LOG_DIR.resolve("lifeline.log"))) {
            if (line.contains("[" + id.group(1) + "]")) {
                story.add(line);
            }
        }
        assertThat(String.join("\n", story))
                // A free port: the first launch began before the run, so the run starts by launching.
                .contains("idle -> launching")
                // How the interpreter was chosen: every candidate checked, or the choice remembered from a start.
                .containsPattern("interpreter candidate|interpreter .* \\(remembered from an earlier start")
                .contains("launched backend pid")
                .contains("fixture: simulated startup crash (scenario=crash)")
                .contains("retrying in 100ms (attempt 2/2)")
                .contains("retry-backoff -> launching")
                .contains("failed after 2 attempts")
                .contains("remedy:");
        // Two attempts, two launches: the launch that began ahead of the run is its first one, not an extra.
        assertThat(story).filteredOn(line -> line.contains("launched backend pid")).hasSize(2);
    }

    private List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        synchronized (lifeline.stdout) {
            for (String line : lifeline.stdout) {
                try {
                    events.add(JSON.readTree(line));
                } catch (Exception notJson) {
                    throw new AssertionError("stdout in --json mode must be JSON Lines only, got: " + line);
                }
            }
        }
        return events;
    }

    /** The schema documented in docs/configuration.md, "JSON events". */
    private static void assertSchema(JsonNode event) {
        assertThat(event.path("status").isTextual()).as("status in %s", event).isTrue();
        assertThat(event.path("port").isInt()).as("port in %s", event).isTrue();
        assertThat(event.has("pid") && (event.get("pid").isNull() || event.get("pid").isIntegralNumber()))
                .as("pid in %s", event).isTrue();
        assertThat(event.has("attempt") && (event.get("attempt").isNull() || event.get("attempt").isInt()))
                .as("attempt in %s", event).isTrue();
        assertThat(event.path("correlationId").asText()).matches("backend-startup-\\d+");
        assertThat(event.path("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(event.path("detail").isTextual()).as("detail in %s", event).isTrue();
    }
}
