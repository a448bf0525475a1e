package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import io.lifeline.adapter.cli.config.HealthContract;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.TimeoutPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process-compose file, read back setting by setting and checked against process-compose's published schema.
 *
 * <p>The schema ({@code schemas/process-compose-schema.json} of F1bonacc1/process-compose) cannot be used as it is:
 * the build reaches only Maven Central and npm, and neither carries it; and it validates little, since no object of
 * it forbids unknown keys ({@code additionalProperties} is never false), so a misspelled key would pass. So
 * {@link Schema} lists, for every object this renderer writes, the keys and types that schema allows (at commit
 * {@code 54c2ef9bfe33dc4b3ca9f8ccdf38718705f33ee1}, release v1.122.0) and rejects any other key, plus the rules its
 * loader checks that the schema cannot say (a {@code process_healthy} dependency has a probe, a
 * {@code process_log_ready} one a {@code ready_log_line}, never a probe and a ready line together, probe numbers at
 * least 1, since a 0 silently becomes process-compose's default).
 */
class ProcessComposeTargetTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final ProcessComposeTarget target = new ProcessComposeTarget();

    @Test
    void givenTheRecipeApp_whenRendered_thenOneFileAndAnExampleForTheSecrets() {
        Rendering rendering = target.render(ExportTestData.app());

        assertThat(rendering.files()).extracting(Rendering.ExportFile::name)
                .containsExactly("process-compose.yaml", "app-api.env.example");
        assertThat(file(rendering, "app-api.env.example")).contains("\nAPI_TOKEN=\n");
    }

    @Test
    void givenTheRecipeApp_whenChecked_thenItIsWhatProcessComposesSchemaAndLoaderAllow() throws IOException {
        JsonNode project = read(target.render(ExportTestData.app()));

        assertThat(Schema.problems(project)).isEmpty();
    }

    @Test
    void givenAnUnknownKeyAWrongTypeOrABadValue_whenChecked_thenTheSchemaCheckFails() throws IOException {
        JsonNode unknownKey = read(target.render(ExportTestData.app()));
        ((ObjectNode) unknownKey.at("/processes/api/readiness_probe")).put("periodSeconds", 1);
        JsonNode wrongType = read(target.render(ExportTestData.app()));
        ((ObjectNode) wrongType.at("/processes/api/readiness_probe")).put("period_seconds", "1");
        JsonNode badValue = read(target.render(ExportTestData.app()));
        ((ObjectNode) badValue.at("/processes/api/availability")).put("restart", "on-failure");
        JsonNode logReadyWithoutLine = read(target.render(ExportTestData.app()));
        ((ObjectNode) logReadyWithoutLine.at("/processes/web/depends_on/api")).put("condition", "process_log_ready");

        assertThat(Schema.problems(unknownKey)).anyMatch(problem -> problem.contains("periodSeconds"));
        assertThat(Schema.problems(wrongType)).anyMatch(problem -> problem.contains("period_seconds"));
        assertThat(Schema.problems(badValue)).anyMatch(problem -> problem.contains("on-failure"));
        assertThat(Schema.problems(logReadyWithoutLine)).anyMatch(problem -> problem.contains("ready_log_line"));
    }

    @Test
    void givenTheRecipeApp_whenReadBack_thenEverySettingMadeIt() throws Exception {
        Rendering rendering = target.render(ExportTestData.app());
        JsonNode processes = read(rendering).get("processes");

        assertThat(read(rendering).get("version").asText()).isEqualTo("0.5");
        assertThat(read(rendering).get("disable_env_expansion").asBoolean()).isTrue();
        assertThat(processes.fieldNames()).toIterable().containsExactly("migrate", "api", "worker", "web");

        JsonNode api = processes.get("api");
        assertThat(words(api.get("command").asText())).containsExactly("/home/user/app/.venv/bin/python", "-m",
                "uvicorn", "app:app", "--host", "127.0.0.1", "--port", "8000");
        assertThat(api.get("working_dir").asText()).isEqualTo("/home/user/app");
        assertThat(texts(api.get("environment"))).containsExactly("APP_MODE=demo", "BACKEND_HOST=127.0.0.1",
                "BACKEND_PORT=8000");
        assertThat(api.get("env_file").asText()).isEqualTo("/home/user/app/app-api.env");
        JsonNode probe = api.get("readiness_probe");
        assertThat(words(probe.at("/exec/command").asText())).isEqualTo(CheckCommand.of(ExportTestData.api(),
                DeployedBackend.Runtime.PYTHON, "/home/user/app/.venv/bin/python", "127.0.0.1").orElseThrow());
        assertThat(probe.at("/exec/working_dir").asText()).isEqualTo("/home/user/app");
        assertThat(probe.get("period_seconds").asInt()).isEqualTo(1);
        assertThat(probe.get("failure_threshold").asInt() * probe.get("period_seconds").asInt()).isEqualTo(30);
        assertThat(probe.get("timeout_seconds").asInt()).isEqualTo(5);
        assertThat(probe.get("initial_delay_seconds").asInt()).isZero();
        assertThat(api.has("liveness_probe")).isFalse();
        assertThat(api.at("/availability/restart").asText()).isEqualTo("on_failure");
        assertThat(api.at("/availability/backoff_seconds").asInt()).isEqualTo(2);
        assertThat(api.at("/availability/max_restarts").asInt()).isEqualTo(5);
        assertThat(api.at("/shutdown/signal").asInt()).isEqualTo(15);
        assertThat(api.at("/shutdown/timeout_seconds").asInt()).isEqualTo(5);
        assertThat(api.at("/depends_on/migrate/condition").asText()).isEqualTo("process_completed_successfully");

        JsonNode migrate = processes.get("migrate");
        assertThat(words(migrate.get("command").asText())).containsExactly("/home/user/app/.venv/bin/python",
                "migrate.py");
        assertThat(migrate.at("/availability/restart").asText()).isEqualTo("no");
        assertThat(migrate.has("readiness_probe")).isFalse();

        JsonNode worker = processes.get("worker");
        assertThat(worker.get("ready_log_line").asText()).isEqualTo("worker ready");
        assertThat(worker.has("readiness_probe")).isFalse();
        assertThat(worker.has("environment")).isFalse();
        assertThat(worker.at("/depends_on/api/condition").asText()).isEqualTo("process_healthy");

        JsonNode web = processes.get("web");
        assertThat(words(web.get("command").asText())).containsExactly("npx", "--no", "vite", "--host", "127.0.0.1",
                "--port", "5173", "--strictPort");
        assertThat(web.get("working_dir").asText()).isEqualTo("/home/user/app/web");
        assertThat(words(web.at("/readiness_probe/exec/command").asText())).isEqualTo(CheckCommand.of(
                ExportTestData.web(), DeployedBackend.Runtime.NODE, "node", "127.0.0.1").orElseThrow());
        assertThat(web.at("/depends_on/api/condition").asText()).isEqualTo("process_healthy");
    }

    @Test
    void givenTheRecipeApp_whenRendered_thenEveryLossIsACommentAtTheTop() {
        Rendering rendering = target.render(ExportTestData.app());
        String text = file(rendering, "process-compose.yaml");

        assertThat(rendering.losses()).extracting(loss -> loss.backend() + " " + loss.setting()).contains(
                "migrate startupTimeout", "api probeInterval", "api livenessInterval", "api maxAttempts",
                "api restartDelay", "api restartWindow", "worker startupTimeout", "worker dependsOn",
                "web probeInterval");
        String top = text.substring(0, text.indexOf("\nversion:"));
        for (Loss loss : rendering.losses()) {
            assertThat(top).contains("\n# lost: " + loss.describe() + "\n");
        }
        assertThat(text).startsWith("# Generated by lifeline export process-compose from app.yaml: edit the config"
                + " and export again rather than this file.\n");
    }

    @Test
    void givenTheRecipeApp_whenRendered_thenNoSecretValueAndNoLifelineVariableIsWritten() {
        for (Rendering.ExportFile file : target.render(ExportTestData.app()).files()) {
            assertThat(file.content()).doesNotContain("LIFELINE_").doesNotContainPattern("API_TOKEN=\\S");
        }
    }

    @Test
    void givenWholeSecondTimings_whenRendered_thenNoTimingLoss() throws IOException {
        DeployedBackend api = ExportTestData.api().withDependsOn(List.of())
                .withTimeouts(new TimeoutPolicy(Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(2)));

        Rendering rendering = target.render(ExportTestData.deployment(api));

        JsonNode probe = read(rendering).at("/processes/api/readiness_probe");
        assertThat(probe.get("period_seconds").asInt()).isEqualTo(2);
        assertThat(probe.get("failure_threshold").asInt()).isEqualTo(10);
        assertThat(rendering.losses()).extracting(Loss::setting)
                .doesNotContain("probeInterval", "startupTimeout", "healthTimeout");
    }

    @Test
    void givenAReadyLineThatIsAPattern_whenRendered_thenNoLogLineAndItsDependantOnlyWaitsForTheStart()
            throws IOException {
        DeployedBackend worker = ExportTestData.worker().withDependsOn(List.of()).withCheck(new HealthCheck(
                HealthContract.NONE, "/health", List.of(), Optional.empty(), false,
                Optional.of(Pattern.compile("ready on port \\d+"))));
        DeployedBackend web = ExportTestData.web().withDependsOn(List.of(Dependency.healthy(ExportTestData.WORKER)));

        Rendering rendering = target.render(ExportTestData.deployment(worker, web));

        JsonNode processes = read(rendering).get("processes");
        assertThat(processes.get("worker").has("ready_log_line")).isFalse();
        assertThat(processes.at("/web/depends_on/worker/condition").asText()).isEqualTo("process_started");
        assertThat(rendering.losses()).extracting(loss -> loss.backend() + " " + loss.setting())
                .contains("worker readyLine", "web dependsOn");
        assertThat(Schema.problems(read(rendering))).isEmpty();
    }

    @Test
    void givenAStartedDependency_whenRendered_thenProcessStarted() throws IOException {
        DeployedBackend web = ExportTestData.web()
                .withDependsOn(List.of(Dependency.on(ExportTestData.API, DependencyCondition.STARTED)));

        Rendering rendering = target.render(ExportTestData.deployment(ExportTestData.api().withDependsOn(List.of()),
                web));

        assertThat(read(rendering).at("/processes/web/depends_on/api/condition").asText())
                .isEqualTo("process_started");
    }

    @Test
    void givenHostileWords_whenQuotedForTheShell_thenShAndBashSplitThemBackExactly() throws Exception {
        List<String> hostile = List.of("/opt/odd dir/serve", "plain", "two words", "", "it's", "say \"hi\"",
                "$HOME", "`id`", "$(id)", "a\\b", "new\nline", "tab\there", ";", "&&", "|", "*", "?", "~", "#x",
                "{a,b}", "!x", "%p", "it's $HOME", "ünï");

        for (String shell : List.of("sh", "bash")) {
            assertThat(words(shell, ShellWords.line(hostile))).as(shell).isEqualTo(hostile);
        }
        assertThat(ShellWords.line(List.of("A=b", "x"))).isEqualTo("'A=b' x");
        assertThat(ShellWords.line(List.of("if", "x"))).isEqualTo("'if' x");
        assertThat(ShellWords.line(List.of("python3", "-c", "print('hi')"))).isEqualTo("python3 -c \"print('hi')\"");
    }

    @Test
    void givenACommandWithAProgramNamedLikeAnAssignment_whenRun_thenTheShellRunsItAsTheProgram() throws Exception {
        assertThat(words("sh", ShellWords.line(List.of("X=1", "y")))).containsExactly("X=1", "y");
    }

    @Test
    void givenTheApisReadinessProbe_whenBashRunsItAgainstABackend_thenItPassesOnlyWhenReadyByTheContract()
            throws Exception {
        AtomicReference<String> answer = new AtomicReference<>("{\"status\":\"healthy\",\"service\":"
                + "\"lifeline-fixture\",\"services\":{\"cache\":\"healthy\",\"database\":\"healthy\","
                + "\"websocket\":\"healthy\"}}");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            DeployedBackend api = ExportTestData.api().withDependsOn(List.of());
            api = new DeployedBackend(api.name(), api.command(), api.workingDir(), api.env(), api.secretEnv(),
                    new Endpoint("127.0.0.1", server.getAddress().getPort()), api.listens(), api.job(), api.check(),
                    api.timeouts(), api.retry(), api.supervision(), api.stopGrace(), api.dependsOn(),
                    Optional.of(Path.of("/usr/bin/python3")), api.image(), api.buildContext());
            String probe = read(target.render(ExportTestData.deployment(api)))
                    .at("/processes/api/readiness_probe/exec/command").asText();

            int ready = exitCode(probe);
            answer.set(answer.get().replace("\"database\":\"healthy\"", "\"database\":\"unhealthy\""));
            int databaseDown = exitCode(probe);

            assertThat(ready).isZero();
            assertThat(databaseDown).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }

    // --- helpers ---

    private static int exitCode(String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            process.getInputStream().readAllBytes();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    private static String file(Rendering rendering, String name) {
        return rendering.files().stream().filter(file -> file.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no file " + name)).content();
    }

    private static JsonNode read(Rendering rendering) throws IOException {
        return YAML.readTree(file(rendering, "process-compose.yaml"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** How bash, process-compose's shell, splits the command line. */
    private static List<String> words(String line) throws Exception {
        return words("bash", line);
    }

    /**
     * The words {@code shell} makes of {@code line}: the line with {@code printf} put in front, so that the program
     * is printed as the first word instead of being run.
     */
    private static List<String> words(String shell, String line) throws Exception {
        Process process = new ProcessBuilder(shell, "-c", "printf '%s\\0' " + line).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
            String text = new String(out, StandardCharsets.UTF_8);
            return Arrays.asList(text.substring(0, text.length() - 1).split("\0", -1));
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * What process-compose allows of the keys this renderer writes (schema at commit
     * 54c2ef9bfe33dc4b3ca9f8ccdf38718705f33ee1): per object, each key and its type; any other key is a problem.
     */
    static final class Schema {

        private enum Type { STRING, INTEGER, BOOLEAN, STRINGS, PROCESSES, PROCESS, PROBE, EXEC, HTTP, AVAILABILITY,
            SHUTDOWN, DEPENDS_ON, DEPENDENCY }

        private static final Map<Type, Map<String, Type>> OBJECTS = Map.of(
                Type.PROCESSES, Map.of(),
                Type.PROCESS, Map.ofEntries(Map.entry("command", Type.STRING), Map.entry("working_dir", Type.STRING),
                        Map.entry("environment", Type.STRINGS), Map.entry("env_file", Type.STRING),
                        Map.entry("readiness_probe", Type.PROBE), Map.entry("liveness_probe", Type.PROBE),
                        Map.entry("ready_log_line", Type.STRING), Map.entry("availability", Type.AVAILABILITY),
                        Map.entry("shutdown", Type.SHUTDOWN), Map.entry("depends_on", Type.DEPENDS_ON),
                        Map.entry("description", Type.STRING), Map.entry("is_daemon", Type.BOOLEAN)),
                Type.PROBE, Map.of("exec", Type.EXEC, "http_get", Type.HTTP, "initial_delay_seconds", Type.INTEGER,
                        "period_seconds", Type.INTEGER, "timeout_seconds", Type.INTEGER,
                        "success_threshold", Type.INTEGER, "failure_threshold", Type.INTEGER),
                Type.EXEC, Map.of("command", Type.STRING, "working_dir", Type.STRING),
                Type.HTTP, Map.of("host", Type.STRING, "path", Type.STRING, "scheme", Type.STRING,
                        "port", Type.STRING, "num_port", Type.INTEGER, "status_code", Type.INTEGER),
                Type.AVAILABILITY, Map.of("restart", Type.STRING, "backoff_seconds", Type.INTEGER,
                        "max_restarts", Type.INTEGER, "exit_on_end", Type.BOOLEAN, "exit_on_skipped", Type.BOOLEAN),
                Type.SHUTDOWN, Map.of("command", Type.STRING, "timeout_seconds", Type.INTEGER,
                        "signal", Type.INTEGER, "parent_only", Type.BOOLEAN),
                Type.DEPENDENCY, Map.of("condition", Type.STRING));
        private static final Map<String, Type> PROJECT = Map.of("version", Type.STRING,
                "disable_env_expansion", Type.BOOLEAN, "processes", Type.PROCESSES, "environment", Type.STRINGS,
                "is_strict", Type.BOOLEAN);
        private static final Set<String> RESTARTS = Set.of("always", "on_failure", "exit_on_failure", "no");
        private static final Set<String> CONDITIONS = Set.of("process_started", "process_healthy",
                "process_completed", "process_completed_successfully", "process_log_ready");
        /** 0 is "unset" to process-compose's probe defaults: these must be written as 1 or more. */
        private static final Set<String> AT_LEAST_ONE = Set.of("period_seconds", "timeout_seconds",
                "success_threshold", "failure_threshold");

        static List<String> problems(JsonNode project) {
            List<String> problems = new ArrayList<>();
            check("", project, PROJECT, problems);
            if (!project.path("processes").isObject() || project.get("processes").isEmpty()) {
                problems.add("processes: required, at least one");
                return problems;
            }
            JsonNode processes = project.get("processes");
            processes.fields().forEachRemaining(entry -> {
                String at = "processes." + entry.getKey();
                JsonNode process = entry.getValue();
                check(at, process, OBJECTS.get(Type.PROCESS), problems);
                String restart = process.at("/availability/restart").asText("no");
                if (!RESTARTS.contains(restart)) {
                    problems.add(at + ".availability.restart: '" + restart + "' is not one of " + RESTARTS);
                }
                if (process.has("readiness_probe") && process.has("ready_log_line")) {
                    problems.add(at + ": a readiness_probe and a ready_log_line cannot go together");
                }
                for (String probe : List.of("readiness_probe", "liveness_probe")) {
                    JsonNode found = process.path(probe);
                    if (found.isObject() && found.has("exec") == found.has("http_get")) {
                        problems.add(at + "." + probe + ": exactly one of exec and http_get");
                    }
                    AT_LEAST_ONE.forEach(key -> {
                        if (found.has(key) && found.get(key).asInt() < 1) {
                            problems.add(at + "." + probe + "." + key + ": at least 1");
                        }
                    });
                }
                process.path("depends_on").fields().forEachRemaining(dependency -> {
                    String condition = dependency.getValue().path("condition").asText();
                    JsonNode other = processes.path(dependency.getKey());
                    if (other.isMissingNode()) {
                        problems.add(at + ".depends_on: no process " + dependency.getKey());
                    }
                    if (!CONDITIONS.contains(condition)) {
                        problems.add(at + ".depends_on." + dependency.getKey() + ": '" + condition
                                + "' is not one of " + CONDITIONS);
                    }
                    if (condition.equals("process_healthy") && !other.has("readiness_probe")
                            && !other.has("liveness_probe")) {
                        problems.add(at + ".depends_on." + dependency.getKey() + ": process_healthy needs a probe");
                    }
                    if (condition.equals("process_log_ready") && !other.has("ready_log_line")) {
                        problems.add(at + ".depends_on." + dependency.getKey()
                                + ": process_log_ready needs a ready_log_line");
                    }
                });
            });
            return problems;
        }

        private static void check(String at, JsonNode node, Map<String, Type> keys, List<String> problems) {
            if (!node.isObject()) {
                problems.add(at + ": not a mapping");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String path = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
                Type type = keys.get(field.getKey());
                if (type == null) {
                    problems.add(path + ": not a key process-compose knows here");
                    continue;
                }
                JsonNode value = field.getValue();
                switch (type) {
                    case STRING -> expect(path, value.isTextual(), "a string", problems);
                    case INTEGER -> expect(path, value.isIntegralNumber(), "an integer", problems);
                    case BOOLEAN -> expect(path, value.isBoolean(), "true or false", problems);
                    case STRINGS -> {
                        expect(path, value.isArray(), "a list", problems);
                        value.forEach(item -> expect(path, item.isTextual(), "a list of strings", problems));
                    }
                    case PROCESSES, DEPENDS_ON -> {
                        expect(path, value.isObject(), "a mapping", problems);
                        if (type == Type.DEPENDS_ON) {
                            value.fields().forEachRemaining(entry -> check(path + "." + entry.getKey(),
                                    entry.getValue(), OBJECTS.get(Type.DEPENDENCY), problems));
                        }
                    }
                    default -> check(path, value, OBJECTS.get(type), problems);
                }
            }
        }

        private static void expect(String path, boolean holds, String what, List<String> problems) {
            if (!holds) {
                problems.add(path + ": must be " + what);
            }
        }
    }
}
