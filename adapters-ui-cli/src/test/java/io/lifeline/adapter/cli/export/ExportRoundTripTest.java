package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.testing.LifelineDirs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lifeline export compose} of a config that sets every setting away from its default, loaded as
 * {@code start} loads it, read back: each setting is either carried into the file with its value, named by a loss, or
 * declared not part of a deployment (with the reason). A setting added later that is none of the three fails
 * {@link #everySetting_isCarriedLostOrNotPartOfADeployment()}; one that the export drops silently fails the round trip.
 */
class ExportRoundTripTest {

    /** Settings that are no part of what an engine runs, and why. */
    private static final Map<String, String> NOT_DEPLOYED = Map.of(
            "python", "the interpreter on this machine: an image has its own (python), a unit finds it as start does",
            "backendDir", "where the bundled backend lives on this machine: its command and workingDir say it",
            "workingDir", "a path on this machine: an image has its own; the units of systemd and process-compose"
                    + " carry it (their tests read it back)",
            "expectedVersion", "a proof before attaching to a backend already running: an engine owns its processes",
            "attach", "the same: nothing runs on the port before the engine starts the backend",
            "exitWithParent", "ties a foreground start to its front end: an engine runs backends on its own",
            "logDir", "Lifeline's own log: an engine keeps the backend's output",
            "runDir", "Lifeline's launch records and port locks: an engine owns its processes");

    /**
     * Settings this config gives that change nothing an engine can see, and why: with a health contract, a ready
     * line only hurries the first probe (the check still decides); with {@code health: none} it is the readiness,
     * and each target carries it or names the loss (their own tests).
     */
    private static final Map<String, String> NO_EFFECT_HERE = Map.of(
            "readyLine", "with health: lifeline it only triggers a probe at once; the health check decides");

    private static final String CONFIG = """
            host: 0.0.0.0
            port: 18080
            command: ["{python}", "-m", "uvicorn", "app:app", "--host", "{host}", "--port", "{port}"]
            env: {APP_MODE: demo, API_TOKEN: not-for-export}
            image: ghcr.io/example/api:2.0
            maxAttempts: 4
            retryDelay: 3s
            retryMaxDelay: 30s
            retryJitter: 0.2
            startupTimeout: 45s
            healthTimeout: 3s
            probeInterval: 250ms
            expectedService: my-api
            health: lifeline
            healthPath: /healthz
            readyLine: Uvicorn running
            requiredServices: [cache]
            acceptDegraded: true
            restart: always
            restartDelay: 1s
            restartMaxDelay: 20s
            maxRestarts: 7
            restartWindow: 2m
            stableAfter: 15s
            livenessInterval: 7s
            livenessThreshold: 4
            stopGrace: 9s
            """;

    @TempDir
    Path root;

    private Rendering rendering;
    private JsonNode api;

    /** What the file says of each setting the export carries, read back from the api's service. */
    private final Map<String, Function<JsonNode, Object>> carried = Map.ofEntries(
            Map.entry("port", service -> service.path("ports").get(0).asText()),
            Map.entry("command", service -> texts(service.path("command"))),
            Map.entry("env", service -> service.path("environment").path("APP_MODE").asText() + " "
                    + texts(service.path("env_file"))),
            Map.entry("image", service -> service.path("image").asText()),
            Map.entry("startupTimeout", service -> service.path("healthcheck").path("start_period").asText()),
            // the check program bounds its request by healthTimeout; compose's timeout adds its start
            Map.entry("healthTimeout", service -> List.of(check(service).replaceAll(".*,timeout=([0-9.]+)\\).*", "$1"),
                    service.path("healthcheck").path("timeout").asText())),
            Map.entry("probeInterval", service -> service.path("healthcheck").path("start_interval").asText()),
            Map.entry("expectedService", ExportRoundTripTest::check),
            Map.entry("health", ExportRoundTripTest::check),
            Map.entry("healthPath", ExportRoundTripTest::check),
            Map.entry("requiredServices", ExportRoundTripTest::check),
            Map.entry("acceptDegraded", ExportRoundTripTest::check),
            Map.entry("restart", service -> service.path("restart").asText()),
            Map.entry("livenessInterval", service -> service.path("healthcheck").path("interval").asText()),
            Map.entry("livenessThreshold", service -> service.path("healthcheck").path("retries").asInt()),
            Map.entry("stopGrace", service -> service.path("stop_grace_period").asText()));

    /** What each carried setting must read as: the value the config gives, in compose's words. */
    private static final Map<String, Object> EXPECTED = Map.ofEntries(
            Map.entry("port", "127.0.0.1:18080:18080"),
            Map.entry("command", List.of("python", "-m", "uvicorn", "app:app", "--host", "0.0.0.0", "--port", "18080")),
            Map.entry("env", "demo [backend.secrets.env]"),
            Map.entry("image", "ghcr.io/example/api:2.0"),
            Map.entry("startupTimeout", "45s"),
            Map.entry("healthTimeout", List.of("3.0", "5s")),
            Map.entry("probeInterval", "250ms"),
            Map.entry("expectedService", "my-api"),
            Map.entry("health", "'services'"),
            Map.entry("healthPath", "http://127.0.0.1:18080/healthz"),
            Map.entry("requiredServices", "R=['cache']"),
            Map.entry("acceptDegraded", "A='hd'"),
            Map.entry("restart", "always"),
            Map.entry("livenessInterval", "7s"),
            Map.entry("livenessThreshold", 4),
            Map.entry("stopGrace", "9s"));

    @BeforeEach
    void export() throws Exception {
        LifelineDirs dirs = LifelineDirs.under(root);
        Path file = dirs.write("api.yaml", CONFIG);
        AppConfig app = dirs.loader(Map.of()).loadAppGivenFlags(Optional.of(file), Map.of(),
                ConfigLoader.Use.LAUNCH);
        rendering = new ComposeTarget().render(Deployments.of(app, root.resolve("lifeline"),
                backend -> Optional.empty()));
        api = ComposeSchema.YAML.readTree(rendering.files().get(0).content()).path("services").path("backend");
    }

    @Test
    void everySetting_isCarriedLostOrNotPartOfADeployment() {
        Set<String> accounted = new TreeSet<>(carried.keySet());
        accounted.addAll(lostSettings());
        accounted.addAll(NOT_DEPLOYED.keySet());
        accounted.addAll(NO_EFFECT_HERE.keySet());

        Set<String> keys = Settings.ALL.stream().map(Setting::key).collect(Collectors.toCollection(TreeSet::new));
        assertThat(keys)
                .as("every setting: carried into compose.yaml (checked below), named by a loss, or no part of a"
                        + " deployment (NOT_DEPLOYED, with the reason)").isEqualTo(accounted);
    }

    @Test
    void everyCarriedSetting_readsBackAsConfigured() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Function<JsonNode, Object>> entry : carried.entrySet()) {
            Object read = entry.getValue().apply(api);
            Object expected = EXPECTED.get(entry.getKey());
            boolean holds = read instanceof String text && expected instanceof String part && !(read.equals(expected))
                    ? text.contains(part) : read.equals(expected);
            if (!holds) {
                wrong.add(entry.getKey() + ": read " + read + ", expected " + expected);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(EXPECTED.keySet()).isEqualTo(carried.keySet());
    }

    @Test
    void theSettingsComposeCannotSay_areEachNamedByALoss_andNoneIsOutsideADeployment() {
        assertThat(lostSettings()).contains("maxAttempts", "retryDelay", "retryMaxDelay", "retryJitter",
                "restartDelay", "restartMaxDelay", "maxRestarts", "restartWindow", "stableAfter", "host");
        assertThat(lostSettings()).doesNotContainAnyElementsOf(NOT_DEPLOYED.keySet());
    }

    @Test
    void theSecretValue_isNowhereInTheExport() {
        assertThat(rendering.files()).allSatisfy(file -> assertThat(file.content()).doesNotContain("not-for-export"));
    }

    /** The settings the losses name: each loss's own, and any other it names in its words, e.g. (retryDelay). */
    @Test
    void theRecipeApp_readBack_hasEachBackendsPortsProbesTimingsDependenciesAndStopGrace() throws Exception {
        Path recipe = Path.of("..", "docs", "recipes", "app.yaml").toAbsolutePath().normalize();
        AppConfig app = LifelineDirs.under(root).loader(Map.of()).loadAppGivenFlags(Optional.of(recipe), Map.of(),
                ConfigLoader.Use.LAUNCH);
        JsonNode services = ComposeSchema.YAML.readTree(new ComposeTarget().render(Deployments.of(app,
                root.resolve("lifeline"), backend -> Optional.empty())).files().get(0).content()).path("services");

        assertThat(services.fieldNames()).toIterable().containsExactly("migrate", "api", "worker", "web");
        assertThat(texts(services.path("api").path("ports"))).containsExactly("127.0.0.1:8000:8000");
        assertThat(texts(services.path("web").path("ports"))).containsExactly("127.0.0.1:5173:5173");
        for (String name : List.of("api", "web")) {
            JsonNode healthcheck = services.path(name).path("healthcheck");
            assertThat(healthcheck.path("start_period").asText()).as(name).isEqualTo("30s");
            assertThat(healthcheck.path("start_interval").asText()).as(name).isEqualTo("100ms");
            assertThat(healthcheck.path("interval").asText()).as(name).isEqualTo("5s");
            assertThat(healthcheck.path("timeout").asText()).as(name).isEqualTo("7s");
            assertThat(healthcheck.path("retries").asInt()).as(name).isEqualTo(3);
        }
        assertThat(check(services.path("api"))).contains("http://127.0.0.1:8000/health");
        assertThat(check(services.path("web"))).startsWith("CMD node -e").contains("connect(5173");
        assertThat(services.path("migrate").has("healthcheck")).isFalse();
        assertThat(services.path("api").path("depends_on").path("migrate").path("condition").asText())
                .isEqualTo("service_completed_successfully");
        assertThat(services.path("worker").path("depends_on").path("api").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(services.path("worker").path("depends_on").path("api").path("restart").asBoolean()).isTrue();
        assertThat(services.path("web").path("depends_on").path("api").path("condition").asText())
                .isEqualTo("service_healthy");
        services.fields().forEachRemaining(service -> assertThat(service.getValue().path("stop_grace_period")
                .asText()).as(service.getKey()).isEqualTo("5s"));
        assertThat(services.path("migrate").path("restart").asText()).isEqualTo("no");
    }

    @Test
    void theBundledFixture_readBack_isProbedByItsWholeJsonContract() throws Exception {
        LifelineDirs dirs = LifelineDirs.under(root);
        Path file = dirs.write("fixture.yaml", "image: lifeline-fixture:dev\n");
        AppConfig app = dirs.loader(Map.of()).loadAppGivenFlags(Optional.of(file), Map.of(), ConfigLoader.Use.LAUNCH);
        JsonNode backend = ComposeSchema.YAML.readTree(new ComposeTarget().render(Deployments.of(app,
                root.resolve("lifeline"), spec -> Optional.empty())).files().get(0).content())
                .path("services").path("backend");

        assertThat(texts(backend.path("ports"))).containsExactly("127.0.0.1:8000:8000");
        assertThat(texts(backend.path("command"))).startsWith("python", "main.py").contains("0.0.0.0", "8000");
        assertThat(check(backend)).contains("http://127.0.0.1:8000/health", "R=['cache','database','websocket']",
                "'lifeline-fixture'", "A='h'");
        assertThat(backend.path("healthcheck").path("start_period").asText()).isEqualTo("30s");
        assertThat(backend.path("restart").asText()).isEqualTo("on-failure");
        assertThat(backend.path("stop_grace_period").asText()).isEqualTo("5s");
    }

    private Set<String> lostSettings() {
        Set<String> named = new TreeSet<>();
        for (Loss loss : rendering.losses()) {
            named.add(loss.setting());
            Settings.ALL.stream().map(Setting::key)
                    .filter(key -> loss.what().matches("(?s).*\\b" + key + "\\b.*")).forEach(named::add);
        }
        return named;
    }

    /** The health check's command, the one place the contract's settings are written. */
    private static String check(JsonNode service) {
        return String.join(" ", texts(service.path("healthcheck").path("test")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
