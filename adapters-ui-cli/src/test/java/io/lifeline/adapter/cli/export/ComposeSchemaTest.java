package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeline.adapter.cli.config.HealthContract;
import io.lifeline.domain.model.LivenessPolicy;
import io.lifeline.domain.model.RestartPolicy;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.SupervisionPolicy;
import io.lifeline.domain.model.TimeoutPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every compose file the export writes is valid by the official compose-spec schema, and that schema bites. */
class ComposeSchemaTest {

    /** Compose reads durations as Go does; the schema only says "a string". */
    private static final Pattern GO_DURATION = Pattern.compile("([0-9]+(h|m|s|ms|us))+");

    static Stream<Arguments> deployments() {
        DeployedBackend api = ExportTestData.api();
        return Stream.of(
                Arguments.of("the recipe app", ExportTestData.app()),
                Arguments.of("built from a folder below the config file", ExportTestData.deployment(ExportTestData.migrate(),
                        api.withImage(Optional.empty()).withBuildContext(Optional.of(ExportTestData.APP)))),
                Arguments.of("built from a folder elsewhere", ExportTestData.deployment(ExportTestData.migrate(), api.withImage(Optional.empty())
                        .withBuildContext(Optional.of(Path.of("/srv/images/api"))))),
                Arguments.of("restart always, jitter, liveness off, odd timings", ExportTestData.deployment(ExportTestData.migrate(), api
                        .withRetry(new RetryPolicy(5, Duration.ofMillis(1500), 2.0, Duration.ofSeconds(90), 0.2))
                        .withTimeouts(new TimeoutPolicy(Duration.ofMillis(2500), Duration.ofSeconds(90),
                                Duration.ofMillis(250)))
                        .withSupervision(new SupervisionPolicy(LivenessPolicy.OFF, RestartPolicy.DEFAULT
                                .withMode(RestartPolicy.Mode.ALWAYS)
                                .withBackoff(new io.lifeline.domain.model.Backoff(Duration.ofMillis(100), 2.0,
                                        Duration.ofMinutes(1), 0.0))
                                .withStableAfter(Duration.ofSeconds(10)))))),
                Arguments.of("restart never, one attempt", ExportTestData.deployment(ExportTestData.migrate(), api
                        .withRetry(RetryPolicy.DEFAULT.withMaxAttempts(1)).withSupervision(SupervisionPolicy.NONE))),
                Arguments.of("ietf, spring and status-code", ExportTestData.deployment(ExportTestData.migrate(),
                        api.withCheck(ExportTestData.contract(HealthContract.IETF)),
                        ExportTestData.web().withCheck(ExportTestData.contract(HealthContract.STATUS_CODE))
                                .withDependsOn(List.of()),
                        ExportTestData.worker().withCheck(ExportTestData.contract(HealthContract.SPRING))
                                .withCommand(List.of("{python}", "worker.py", "--port", "{port}"))
                                .withDependsOn(List.of()))),
                Arguments.of("a command with $ and {correlationId}", ExportTestData.deployment(ExportTestData.migrate(), api.withCommand(
                        List.of("{python}", "-m", "uvicorn", "app:app", "--port", "{port}", "--root-path", "$ROOT",
                                "--id", "{correlationId}")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void theExportIsValidByTheComposeSpecSchema(String what, Deployment deployment) throws Exception {
        ComposeSchema schema = ComposeSchema.load();
        String compose = composeFile(new ComposeTarget().render(deployment));

        assertThat(schema.violations(compose)).isEmpty();
        assertThat(durations(ComposeSchema.YAML.readTree(compose))).isNotEmpty().allMatch(
                value -> GO_DURATION.matcher(value).matches(), "a compose duration");
    }

    @Test
    void aDocumentWithAnUnknownKey_aWrongType_orAnUnknownCondition_fails() throws Exception {
        ComposeSchema schema = ComposeSchema.load();
        JsonNode valid = ComposeSchema.YAML.readTree(composeFile(new ComposeTarget().render(ExportTestData.app())));
        assertThat(schema.violations(valid)).isEmpty();

        ObjectNode unknownKey = valid.deepCopy();
        ((ObjectNode) unknownKey.at("/services/api")).put("helthcheck", "python -c pass");
        ObjectNode wrongType = valid.deepCopy();
        ((ObjectNode) wrongType.at("/services/api")).put("ports", "127.0.0.1:8000:8000");
        ObjectNode unknownCondition = valid.deepCopy();
        ((ObjectNode) unknownCondition.at("/services/api/depends_on/migrate")).put("condition", "service_done");
        ObjectNode unknownHealthcheckKey = valid.deepCopy();
        ((ObjectNode) unknownHealthcheckKey.at("/services/api/healthcheck")).put("start_timeout", "30s");

        assertThat(schema.violations(unknownKey)).anyMatch(message -> message.contains("helthcheck"));
        assertThat(schema.violations(wrongType)).anyMatch(message -> message.contains("ports"));
        assertThat(schema.violations(unknownCondition)).anyMatch(message -> message.contains("condition"));
        assertThat(schema.violations(unknownHealthcheckKey)).anyMatch(message -> message.contains("start_timeout"));
        ObjectNode initNotABoolean = valid.deepCopy();
        ((ObjectNode) initNotABoolean.at("/services/api")).put("init", 1);
        assertThat(schema.violations(initNotABoolean)).anyMatch(message -> message.contains("init"));
    }

    private static String composeFile(Rendering rendering) {
        return rendering.files().stream().filter(file -> file.name().equals(ComposeTarget.FILE)).findFirst()
                .orElseThrow().content();
    }

    /** The values of every duration key compose has in what the export writes. */
    private static List<String> durations(JsonNode compose) {
        List<String> values = new ArrayList<>();
        compose.path("services").forEach(service -> {
            values.add(service.path("stop_grace_period").asText());
            JsonNode check = service.path("healthcheck");
            for (String key : List.of("interval", "timeout", "start_period", "start_interval")) {
                if (check.has(key)) {
                    values.add(check.get(key).asText());
                }
            }
        });
        return values;
    }
}
