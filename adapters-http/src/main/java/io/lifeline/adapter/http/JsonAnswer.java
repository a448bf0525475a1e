package io.lifeline.adapter.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.ProbeFailure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the JSON answer readers share, so each format's class holds only its mapping: strict parsing (trailing tokens
 * and an empty body are not JSON) and the failures of {@link HealthBodyParser}, each quoting the start of the body:
 * {@code NOT_JSON} and {@code WRONG_SHAPE} for a 2xx answer, {@code ERROR_STATUS} for any other answer it cannot read.
 */
final class JsonAnswer {

    /** Lifeline's words for health, which the domain judges; each reader maps its format's words onto them. */
    static final String HEALTHY = "healthy";
    static final String DEGRADED = "degraded";
    static final String UNHEALTHY = "unhealthy";
    private static final List<String> BEST_FIRST = List.of(HEALTHY, DEGRADED, UNHEALTHY);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Reads a parsed body into an observation, or says why it does not have the format's shape. */
    @FunctionalInterface
    interface Shape {
        HealthObservation read(JsonNode root) throws WrongShape;
    }

    private JsonAnswer() {
    }

    /** Builds the mapper and parses once, off the path of the first real answer (see {@link HttpHealthProbe}). */
    static void warmUp() {
        parse("{\"status\":\"healthy\",\"services\":{}}".getBytes(StandardCharsets.UTF_8));
    }

    /** Parses {@code body} and hands it to {@code shape}; every failure is a {@link ProbeFailure}. */
    static HealthObservation read(int httpStatus, byte[] body, Shape shape) {
        boolean success = isSuccess(httpStatus);
        Optional<JsonNode> json = parse(body);
        if (json.isEmpty()) {
            return success
                    ? failure(ProbeFailure.Kind.NOT_JSON, "answered HTTP " + httpStatus
                    + " with a body that is not JSON", body)
                    : failure(ProbeFailure.Kind.ERROR_STATUS, "HTTP " + httpStatus, body);
        }
        try {
            return shape.read(json.get());
        } catch (WrongShape wrongShape) {
            return success
                    ? failure(ProbeFailure.Kind.WRONG_SHAPE, wrongShape.getMessage(), body)
                    : failure(ProbeFailure.Kind.ERROR_STATUS, "HTTP " + httpStatus, body);
        }
    }

    /** The worse of two of Lifeline's words. */
    static String worse(String one, String other) {
        return BEST_FIRST.indexOf(one) >= BEST_FIRST.indexOf(other) ? one : other;
    }

    static boolean isSuccess(int httpStatus) {
        return httpStatus >= 200 && httpStatus < 300;
    }

    /** The top level as an object, or why not. */
    static JsonNode object(JsonNode root) throws WrongShape {
        if (!root.isObject()) {
            throw new WrongShape("top level is " + typeOf(root) + ", expected an object");
        }
        return root;
    }

    /** {@code node.field} as a string; {@code where} names the field in the message, e.g. {@code checks.db[0].status}. */
    static String requiredText(JsonNode node, String field, String where) throws WrongShape {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new WrongShape("field '" + where + "' is missing");
        }
        if (!value.isTextual()) {
            throw new WrongShape("field '" + where + "' is " + typeOf(value) + ", expected a string");
        }
        return value.textValue();
    }

    /** An optional string field: empty when absent or not a string (like {@code service} in Lifeline's JSON). */
    static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    static String typeOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static Optional<JsonNode> parse(byte[] body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            return root == null || root.isMissingNode() ? Optional.empty() : Optional.of(root);
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    private static ProbeFailure failure(ProbeFailure.Kind kind, String detail, byte[] body) {
        return new ProbeFailure(kind, detail, BodyPrefix.of(body));
    }

    /** Valid JSON that is not the format's shape; carries the one-line reason. */
    static final class WrongShape extends Exception {
        private static final long serialVersionUID = 1L;

        WrongShape(String reason) {
            super(reason, null, false, false);
        }
    }
}
