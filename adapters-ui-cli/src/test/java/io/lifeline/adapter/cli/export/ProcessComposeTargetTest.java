package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process-compose file, read back setting by setting and checked against process-compose's published schema, as
 * {@link ProcessComposeSchema} carries it (structurally: its Javadoc says why).
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

        assertThat(ProcessComposeSchema.problems(project)).isEmpty();
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

        assertThat(ProcessComposeSchema.problems(unknownKey)).anyMatch(problem -> problem.contains("periodSeconds"));
        assertThat(ProcessComposeSchema.problems(wrongType)).anyMatch(problem -> problem.contains("period_seconds"));
        assertThat(ProcessComposeSchema.problems(badValue)).anyMatch(problem -> problem.contains("on-failure"));
        assertThat(ProcessComposeSchema.problems(logReadyWithoutLine))
                .anyMatch(problem -> problem.contains("ready_log_line"));
        JsonNode templateInEnvironment = read(target.render(ExportTestData.app()));
        ((ArrayNode) templateInEnvironment.at("/processes/api/environment"))
                .add("X={{.PC_REPLICA_NUM}}");
        JsonNode templateInCommand = read(target.render(ExportTestData.app()));
        ((ObjectNode) templateInCommand.at("/processes/web")).remove("is_template_disabled");
        ((ObjectNode) templateInCommand.at("/processes/web")).put("command", "npx {{");
        assertThat(ProcessComposeSchema.problems(templateInEnvironment))
                .anyMatch(problem -> problem.startsWith("processes.api.environment[3]: '{{'"));
        assertThat(ProcessComposeSchema.problems(templateInCommand))
                .anyMatch(problem -> problem.startsWith("processes.web.command: '{{'"));
    }

    @Test
    void givenBracesOfAGoTemplate_whenRendered_thenTheCommandIsNotTemplated_andTheTemplatedValuesEscapeThem()
            throws Exception {
        DeployedBackend api = ExportTestData.api().withDependsOn(List.of())
                .withCommand(List.of("{python}", "main.py", "{{.PC_REPLICA_NUM}}", "{{", "--port", "{port}"))
                .withCheck(new HealthCheck(HealthContract.LIFELINE, "/health/{{x}}", List.of(), Optional.empty(),
                        false, Optional.empty()));
        api = new DeployedBackend(api.name(), api.command(), Path.of("/home/user/{{app"), new TreeMap<>(
                Map.of("GREETING", "hi {{.PC_REPLICA_NUM}} {{{")), api.secretEnv(), api.endpoint(),
                api.listens(), api.job(), api.check(), api.timeouts(), api.retry(), api.supervision(),
                api.stopGrace(), api.dependsOn(), api.interpreter(), api.image(), api.buildContext());

        JsonNode project = read(target.render(ExportTestData.deployment(api)));

        assertThat(ProcessComposeSchema.problems(project)).isEmpty();
        JsonNode process = project.at("/processes/api");
        assertThat(process.get("is_template_disabled").asBoolean()).isTrue();
        assertThat(words(process.get("command").asText())).containsExactly("/home/user/app/.venv/bin/python",
                "main.py", "{{.PC_REPLICA_NUM}}", "{{", "--port", "8000");
        String escape = ProcessComposeSchema.TEMPLATE_ESCAPE;
        assertThat(process.get("working_dir").asText()).isEqualTo("/home/user/" + escape + "app");
        assertThat(texts(process.get("environment"))).contains("GREETING=hi " + escape + ".PC_REPLICA_NUM}} "
                + escape + "{");
        assertThat(process.at("/readiness_probe/exec/command").asText()).contains("/health/" + escape + "x}}")
                .doesNotContain("/health/{{x");
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
        assertThat(probe.get("timeout_seconds").asInt()).isEqualTo(7);
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
                .withTimeouts(new TimeoutPolicy(Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(5)));

        Rendering rendering = target.render(ExportTestData.deployment(api));

        JsonNode probe = read(rendering).at("/processes/api/readiness_probe");
        assertThat(probe.get("period_seconds").asInt()).isEqualTo(5);
        assertThat(probe.get("failure_threshold").asInt()).isEqualTo(4);
        assertThat(probe.get("timeout_seconds").asInt()).isEqualTo(4);
        assertThat(rendering.losses()).extracting(Loss::setting)
                .doesNotContain("probeInterval", "startupTimeout", "healthTimeout");
    }

    @Test
    void givenAProbeTimeoutLongerThanItsPeriod_whenRendered_thenTheWindowAHangingCheckStretchesToIsALoss() {
        Rendering rendering = target.render(ExportTestData.deployment(ExportTestData.api().withDependsOn(List.of())));

        assertThat(rendering.losses()).extracting(Loss::describe).contains("api: startupTimeout: a check that hangs"
                + " takes its whole timeout (7 s, longer than the 1 s period) and probes do not overlap, so the 30"
                + " failed probes can take up to 210 s, not 30s");
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
        assertThat(ProcessComposeSchema.problems(read(rendering))).isEmpty();
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
}
