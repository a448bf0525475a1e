package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.lifeline.adapter.cli.config.HealthContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The validator passes what the export writes and bites on each rule: every case breaks one field of a rendered
 * document and expects the one violation that names it.
 */
class KubernetesValidatorTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String API = "apps/v1/Deployment app-api";
    private static final String WEB = "apps/v1/Deployment app-web";
    private static final String API_SERVICE = "v1/Service app-api";
    private static final String JOB = "batch/v1/Job app-migrate";
    private static final String CONTAINER = "/spec/template/spec/containers/0";

    @Test
    void everyObjectTheExportWritesIsValid() {
        assertThat(KubernetesValidator.violations(appText())).isEmpty();
        assertThat(KubernetesValidator.violations(jobText())).isEmpty();
        assertThat(KubernetesValidator.violations(new KubernetesTarget().render(ExportTestData.deployment(
                ExportTestData.api().withDependsOn(List.of()).withCheck(ExportTestData.contract(
                        HealthContract.STATUS_CODE)))).files().get(0).content())).isEmpty();
    }

    static Stream<Arguments> brokenDocuments() {
        return Stream.of(
                arguments("an integer probe field below 1", API, CONTAINER + "/livenessProbe/periodSeconds",
                        NODES.numberNode(0), "livenessProbe.periodSeconds: 0, must be >= 1"),
                arguments("a startup failure threshold of 0", API, CONTAINER + "/startupProbe/failureThreshold",
                        NODES.numberNode(0), "startupProbe.failureThreshold: 0, must be >= 1"),
                arguments("a negative probe timeout", WEB, CONTAINER + "/readinessProbe/timeoutSeconds",
                        NODES.numberNode(-1), "readinessProbe.timeoutSeconds: -1, must be >= 1"),
                arguments("a liveness success threshold of 2", API, CONTAINER + "/livenessProbe/successThreshold",
                        NODES.numberNode(2), "successThreshold: 2, must be 1 for livenessProbe"),
                arguments("a startup success threshold of 2", WEB, CONTAINER + "/startupProbe/successThreshold",
                        NODES.numberNode(2), "successThreshold: 2, must be 1 for startupProbe"),
                arguments("a Service port of 0", API_SERVICE, "/spec/ports/0/port", NODES.numberNode(0),
                        ".port: 0, must be 1-65535"),
                arguments("a container port above 65535", API, CONTAINER + "/ports/0/containerPort",
                        NODES.numberNode(70_000), "containerPort: 70000, must be 1-65535"),
                arguments("a probe port above 65535", WEB, CONTAINER + "/livenessProbe/tcpSocket/port",
                        NODES.numberNode(65_536), "tcpSocket.port: 65536, must be 1-65535"),
                arguments("a probe port named by no container port", WEB, CONTAINER + "/livenessProbe/tcpSocket/port",
                        NODES.textNode("http"), "no container port is named 'http'"),
                arguments("an object name that is no DNS label", API, "/metadata/name", NODES.textNode("App_Api"),
                        "metadata.name: 'App_Api' is not a DNS-1123 label"),
                arguments("a Service name starting with a digit", API_SERVICE, "/metadata/name",
                        NODES.textNode("1-api"), "starting with a letter (DNS-1035)"),
                arguments("a container name that is no DNS label", API, CONTAINER + "/name", NODES.textNode("Api"),
                        "'Api' is not a DNS-1123 label"),
                arguments("a label value starting with '-'", API, "/metadata/labels/app.kubernetes.io~1name",
                        NODES.textNode("-api"), "'-api' is not a label value"),
                arguments("a label value of 64 characters", API_SERVICE, "/metadata/labels/app.kubernetes.io~1part-of",
                        NODES.textNode("a".repeat(64)), "is not a label value"),
                arguments("a label key with a space", API, "/spec/template/metadata/labels/bad key",
                        NODES.textNode("x"), "'bad key' is not a label key"),
                arguments("an init container named as the container", API,
                        "/spec/template/spec/initContainers/0/name", NODES.textNode("api"),
                        "'api' is not unique in the pod"),
                arguments("a selector the template's labels do not match", API,
                        "/spec/selector/matchLabels/app.kubernetes.io~1name", NODES.textNode("web"),
                        "`selector` does not match template `labels`"),
                arguments("a Deployment that does not always restart", API, "/spec/template/spec/restartPolicy",
                        NODES.textNode("OnFailure"), "restartPolicy: 'OnFailure', must be one of [Always]"),
                arguments("a Job that always restarts", JOB, "/spec/template/spec/restartPolicy",
                        NODES.textNode("Always"), "restartPolicy: 'Always', must be one of"),
                arguments("a negative backoff limit", JOB, "/spec/backoffLimit", NODES.numberNode(-1),
                        "spec.backoffLimit: -1, must be >= 0"),
                arguments("a probe on an init container", API, "/spec/template/spec/initContainers/0/startupProbe",
                        probe(), "may not be set for an init container"),
                arguments("a probe with two handlers", WEB, CONTAINER + "/startupProbe/httpGet",
                        NODES.objectNode().put("path", "/").put("port", 5173), "exactly one handler"),
                arguments("a variable with a value and a reference", API, CONTAINER + "/env/3/value",
                        NODES.textNode("x"), "value and valueFrom are exclusive"),
                arguments("a container without an image", API, CONTAINER + "/image", null, ".image: required"),
                arguments("a number where a string is wanted", API, CONTAINER + "/env/2/value",
                        NODES.numberNode(8000), "not a valid Deployment"),
                arguments("a string where an integer is wanted", API, CONTAINER + "/startupProbe/periodSeconds",
                        NODES.textNode("1"), "not a valid Deployment"),
                arguments("an unknown field, found in additionalProperties", API,
                        CONTAINER + "/livenessProbe/periodSecond", NODES.numberNode(5),
                        "livenessProbe.periodSecond: unknown field"),
                arguments("an unknown field, refused by Jackson", WEB, "/spec/template/spec/restartPolicies",
                        NODES.textNode("Always"), "Unrecognized field \"restartPolicies\""),
                arguments("a kind the export does not write", API, "/kind", NODES.textNode("StatefulSet"),
                        "not a kind the export writes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDocuments")
    void givenABrokenDocument_thenTheValidatorNamesIt(String what, String document, String pointer, JsonNode value,
                                                      String expected) {
        String broken = broken(document.equals(JOB) ? jobText() : appText(), document, pointer, value);

        assertThat(KubernetesValidator.violations(broken)).as(what)
                .anySatisfy(violation -> assertThat(violation).contains(expected));
    }

    @Test
    void aReadinessSuccessThresholdAbove1IsAllowed() {
        String changed = broken(appText(), API, CONTAINER + "/readinessProbe/successThreshold", NODES.numberNode(2));

        assertThat(KubernetesValidator.violations(changed)).isEmpty();
    }

    @Test
    void anUnknownFieldIsFoundBothWays() {
        String broken = broken(appText(), API, CONTAINER + "/startupProbe/exec/commands", NODES.arrayNode());

        assertThat(KubernetesValidator.violations(broken))
                .anySatisfy(violation -> assertThat(violation).contains("startupProbe.exec.commands: unknown field"))
                .anySatisfy(violation -> assertThat(violation).contains("Unrecognized field \"commands\""));
    }

    @Test
    void aKeyTwiceInOneMappingIsRefused() {
        String twice = appText().replaceFirst("  replicas: 1\n", "  replicas: 1\n  replicas: 2\n");

        assertThat(KubernetesValidator.violations(twice)).singleElement()
                .satisfies(violation -> assertThat(violation).contains("Duplicate field 'replicas'"));
    }

    private static ObjectNode probe() {
        ObjectNode probe = NODES.objectNode();
        probe.putObject("tcpSocket").put("port", 8000);
        return probe;
    }

    private static String appText() {
        return new KubernetesTarget().render(ExportTestData.app()).files().get(0).content();
    }

    private static String jobText() {
        return new KubernetesTarget().render(ExportTestData.deployment(ExportTestData.migrate())).files().get(0)
                .content();
    }

    /** The text with one field of one document set to {@code value}, or removed for {@code null}. */
    private static String broken(String text, String document, String pointer, JsonNode value) {
        try {
            List<JsonNode> documents = new ArrayList<>();
            try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
                values.forEachRemaining(documents::add);
            }
            JsonNode target = documents.stream().filter(node -> (node.path("apiVersion").asText() + "/"
                    + node.path("kind").asText() + " " + node.path("metadata").path("name").asText())
                    .equals(document)).findFirst().orElseThrow(() -> new AssertionError("no " + document));
            JsonPointer at = JsonPointer.compile(pointer);
            JsonNode parent = target.at(at.head());
            String field = at.last().getMatchingProperty();
            if (parent instanceof ArrayNode array) {
                array.set(at.last().getMatchingIndex(), value);
            } else if (value == null) {
                assertThat(((ObjectNode) parent).remove(field)).as(pointer).isNotNull();
            } else {
                ((ObjectNode) parent).set(field, value);
            }
            StringBuilder out = new StringBuilder();
            for (JsonNode each : documents) {
                out.append(YAML.writeValueAsString(each));
            }
            return out.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
