package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeline.adapter.cli.config.HealthContract;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** What {@code lifeline export compose} writes for the recipe app, read back with Jackson, and what it refuses. */
class ComposeTargetTest {

    private final ComposeTarget target = new ComposeTarget();

    private static JsonNode compose(Rendering rendering) throws Exception {
        return ComposeSchema.YAML.readTree(file(rendering, ComposeTarget.FILE));
    }

    private static String file(Rendering rendering, String name) {
        return rendering.files().stream().filter(file -> file.name().equals(name)).findFirst().orElseThrow()
                .content();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Map<String, String> fields(JsonNode object) {
        Map<String, String> values = new TreeMap<>();
        object.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        return values;
    }

    @Test
    void theRecipeApp_readBack_hasEverySetting() throws Exception {
        Rendering rendering = target.render(ExportTestData.app());
        JsonNode compose = compose(rendering);
        JsonNode services = compose.get("services");

        assertThat(compose.get("name").asText()).isEqualTo("app");
        assertThat(texts(services.path("api").path("ports"))).containsExactly("127.0.0.1:8000:8000");
        assertThat(texts(services.path("web").path("ports"))).containsExactly("127.0.0.1:5173:5173");
        assertThat(services.path("migrate").has("ports")).isFalse();
        assertThat(services.path("worker").has("ports")).isFalse();

        JsonNode api = services.get("api");
        assertThat(api.get("image").asText()).isEqualTo("ghcr.io/example/api:1.0");
        assertThat(texts(api.get("command"))).containsExactly("python", "-m", "uvicorn", "app:app", "--host",
                "0.0.0.0", "--port", "8000");
        assertThat(api.has("working_dir")).isFalse();
        JsonNode check = api.get("healthcheck");
        assertThat(texts(check.get("test")).subList(0, 3)).containsExactly("CMD", "python", "-c");
        assertThat(texts(check.get("test")).get(3)).contains("http://127.0.0.1:8000/health", "'lifeline-fixture'",
                "'cache','database','websocket'");
        assertThat(check.get("interval").asText()).isEqualTo("5s");
        assertThat(texts(check.get("test")).get(3)).contains(",timeout=5.0)");
        assertThat(check.get("timeout").asText()).isEqualTo("7s");
        assertThat(check.get("retries").asInt()).isEqualTo(3);
        assertThat(check.get("start_period").asText()).isEqualTo("30s");
        assertThat(check.get("start_interval").asText()).isEqualTo("100ms");
        assertThat(fields(api.get("depends_on").get("migrate")))
                .isEqualTo(Map.of("condition", "service_completed_successfully"));
        assertThat(api.get("restart").asText()).isEqualTo("on-failure");
        assertThat(api.get("stop_grace_period").asText()).isEqualTo("5s");
        assertThat(api.get("stop_signal").asText()).isEqualTo("SIGTERM");
        assertThat(services).allSatisfy(service -> assertThat(service.path("init").isBoolean()
                && service.path("init").asBoolean()).as("init: true").isTrue());
        assertThat(fields(api.get("environment"))).isEqualTo(Map.of("APP_MODE", "demo", "BACKEND_HOST", "0.0.0.0",
                "BACKEND_PORT", "8000"));
        assertThat(texts(api.get("env_file"))).containsExactly("api.secrets.env");

        JsonNode migrate = services.get("migrate");
        assertThat(migrate.get("restart").asText()).isEqualTo("no");
        assertThat(migrate.has("healthcheck")).isFalse();
        assertThat(texts(migrate.get("command"))).containsExactly("python", "migrate.py");

        JsonNode worker = services.get("worker");
        assertThat(worker.has("healthcheck")).isFalse();
        assertThat(fields(worker.get("depends_on").get("api")))
                .isEqualTo(Map.of("condition", "service_healthy", "restart", "true"));
        assertThat(worker.get("restart").asText()).isEqualTo("on-failure");

        JsonNode web = services.get("web");
        assertThat(texts(web.get("healthcheck").get("test")).subList(0, 3)).containsExactly("CMD", "node", "-e");
        assertThat(fields(web.get("depends_on").get("api"))).isEqualTo(Map.of("condition", "service_healthy"));
        assertThat(web.get("stop_grace_period").asText()).isEqualTo("5s");
    }

    @Test
    void noSecretValueAndNoLifelineVariableIsWritten_theSecretsAreNamedInAnExample() {
        DeployedBackend api = ExportTestData.api();
        TreeMap<String, String> env = new TreeMap<>(api.env());
        env.put("LIFELINE_SECRET", "s3cr3t-value");
        DeployedBackend withLifelineVariable = new DeployedBackend(api.name(), api.command(), api.workingDir(), env,
                api.secretEnv(), api.endpoint(), api.listens(), api.job(), api.check(), api.timeouts(), api.retry(),
                api.supervision(), api.stopGrace(), api.dependsOn(), api.interpreter(), api.image(),
                api.buildContext());

        Rendering rendering = target.render(ExportTestData.deployment(ExportTestData.migrate(),
                withLifelineVariable));

        assertThat(rendering.files()).extracting(Rendering.ExportFile::name)
                .containsExactly("compose.yaml", "api.secrets.env.example");
        assertThat(file(rendering, "compose.yaml")).doesNotContain("s3cr3t-value").doesNotContain("LIFELINE_SECRET:")
                .doesNotContainPattern("(?m)^\\s+LIFELINE_");
        assertThat(file(rendering, "api.secrets.env.example")).endsWith("\nAPI_TOKEN=\n");
        assertThat(rendering.losses()).anySatisfy(loss -> assertThat(loss.describe())
                .startsWith("api: env: LIFELINE_SECRET belongs to a run of Lifeline"));
    }

    @Test
    void everyLoss_isReturned_andWrittenAsACommentUnderTheHeader() {
        Rendering rendering = target.render(ExportTestData.app());
        String compose = file(rendering, ComposeTarget.FILE);

        assertThat(compose).startsWith("# Generated by lifeline export compose from app.yaml: edit the config and"
                + " export again rather than this file.\n");
        assertThat(rendering.losses()).extracting(Loss::describe).contains(
                "worker: readyLine: 'worker ready': compose cannot watch a backend's output: no healthcheck, and"
                        + " dependants waiting for it healthy start once it runs",
                "worker: dependsOn: api within 20s: compose has no timeout for a dependency: it waits until api is"
                        + " ready or fails");
        assertThat(rendering.losses()).extracting(loss -> loss.backend() + ":" + loss.setting()).contains(
                "api:livenessThreshold", "api:maxRestarts", "api:restartDelay", "api:stableAfter",
                "api:startupTimeout", "api:maxAttempts", "api:acceptDegraded", "migrate:maxAttempts",
                "worker:dependsOn", "web:livenessThreshold");
        rendering.losses().forEach(loss -> assertThat(compose).contains("# lost: " + loss.describe() + "\n"));
        assertThat(compose.substring(0, compose.indexOf("\nname: "))).doesNotContainPattern("(?m)^[^#]");
        assertThat(target.render(ExportTestData.app()).files()).isEqualTo(rendering.files());
    }

    @Test
    void aHealthyWaitOnABackendWithoutHealthcheck_isStarted_andSaysSo() throws Exception {
        DeployedBackend web = ExportTestData.web().withDependsOn(List.of(Dependency.healthy(ExportTestData.WORKER)));
        Rendering rendering = target.render(ExportTestData.deployment(ExportTestData.migrate(), ExportTestData.api(),
                ExportTestData.worker(), web));

        assertThat(compose(rendering).at("/services/web/depends_on/worker/condition").asText())
                .isEqualTo("service_started");
        assertThat(rendering.losses()).extracting(Loss::describe).contains("web: dependsOn: worker healthy: worker"
                + " has no healthcheck in compose, so this waits only until it started");
    }

    @Test
    void aStartedWait_isServiceStarted_withoutLoss() throws Exception {
        DeployedBackend web = ExportTestData.web().withDependsOn(List.of(Dependency.on(ExportTestData.API,
                DependencyCondition.STARTED)));
        Rendering rendering = target.render(ExportTestData.deployment(ExportTestData.migrate(), ExportTestData.api(),
                web));

        assertThat(compose(rendering).at("/services/web/depends_on/api/condition").asText())
                .isEqualTo("service_started");
        assertThat(rendering.losses()).noneMatch(loss -> loss.setting().equals("dependsOn"));
    }

    @Test
    void withoutAnImage_itIsBuiltFromTheFolder_givenAbsolute_soTheFileMayBeWrittenAnywhere() throws Exception {
        DeployedBackend below = ExportTestData.api().withImage(Optional.empty())
                .withBuildContext(Optional.of(ExportTestData.APP.resolve("api")));
        DeployedBackend elsewhere = ExportTestData.web().withImage(Optional.empty())
                .withBuildContext(Optional.of(Path.of("/srv/web")));
        Rendering rendering = target.render(ExportTestData.deployment(ExportTestData.migrate(), below, elsewhere));
        JsonNode services = compose(rendering).get("services");

        assertThat(services.at("/api/build").asText()).isEqualTo("/home/user/app/api");
        assertThat(services.at("/api/image").isMissingNode()).isTrue();
        assertThat(services.at("/web/build").asText()).isEqualTo("/srv/web");
    }

    @Test
    void aDollarIsWrittenTwice_soComposeDoesNotInterpolateIt() throws Exception {
        DeployedBackend api = ExportTestData.api().withCommand(List.of("{python}", "app.py", "--prefix", "$HOME",
                "--port", "{port}"));
        Rendering rendering = target.render(ExportTestData.deployment(ExportTestData.migrate(), api));

        assertThat(texts(compose(rendering).at("/services/api/command"))).contains("$$HOME");
    }

    @Test
    void exactDurations_inComposeNotation() {
        assertThat(ComposeTarget.duration(Duration.ofMillis(100))).isEqualTo("100ms");
        assertThat(ComposeTarget.duration(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(ComposeTarget.duration(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(ComposeTarget.duration(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(ComposeTarget.duration(Duration.ofNanos(1500))).isEqualTo("2us");
    }

    @Test
    void noImageAndNoDockerfile_isRefused_namingTheBackendTheSettingAndTheFix() {
        DeployedBackend api = ExportTestData.api().withImage(Optional.empty());

        Throwable refused = catchThrowable(() -> target.render(ExportTestData.deployment(ExportTestData.migrate(),
                api)));

        assertThat(refused).isInstanceOf(ExportRefused.class).hasMessage("api: image: compose needs an image to run"
                + " it in; set image: in its entry, or put a Dockerfile in its working folder (/home/user/app) for"
                + " compose to build");
    }

    @Test
    void aCheckNothingInTheImageCanRun_isRefusedWithARemedy() {
        DeployedBackend other = ExportTestData.api().withCommand(List.of("./server", "--port", "{port}"));
        DeployedBackend nodeIetf = ExportTestData.web().withCheck(ExportTestData.contract(HealthContract.IETF))
                .withDependsOn(List.of());

        assertThat(catchThrowable(() -> target.render(ExportTestData.deployment(ExportTestData.migrate(), other))))
                .isInstanceOf(ExportRefused.class).hasMessageStartingWith("api: health: compose runs the lifeline"
                        + " check inside the backend's image, and Lifeline cannot tell what runs in it from"
                        + " './server'");
        assertThat(catchThrowable(() -> target.render(ExportTestData.deployment(nodeIetf))))
                .isInstanceOf(ExportRefused.class).hasMessageStartingWith("web: health: there is no ietf check in"
                        + " node");
    }

    @Test
    void aDependencyLeftOutOfTheExport_isRefused() {
        assertThat(catchThrowable(() -> target.render(ExportTestData.deployment(ExportTestData.api()))))
                .isInstanceOf(ExportRefused.class).hasMessageStartingWith("api: dependsOn: migrate is not in this"
                        + " export");
    }

    @Test
    void itRunsInContainers_asCompose() {
        assertThat(target.name()).isEqualTo("compose");
    }
}
