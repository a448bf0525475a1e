package io.lifeline.adapter.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.ProbeFailure;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a {@code /health} body into a {@link HealthReport}, or says why it is not one.
 *
 * <p>Required: {@code status} (string) and {@code services} (object of string to string). Optional, ignored when
 * absent or wrongly typed: {@code service}, {@code pid}, {@code correlation_id} and {@code metrics}. Other fields are
 * ignored. A non-2xx answer with a valid body is still a report, so the domain can tell "unhealthy" from "broken".
 */
final class HealthBodyParser {

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    HealthObservation parse(int httpStatus, byte[] body) {
        boolean success = httpStatus >= 200 && httpStatus < 300;
        Optional<JsonNode> json = readJson(body);
        if (json.isEmpty()) {
            return success
                    ? failure(ProbeFailure.Kind.NOT_JSON,
                    "answered HTTP " + httpStatus + " with a body that is not JSON", body)
                    : httpError(httpStatus, body);
        }
        try {
            return toReport(httpStatus, json.get());
        } catch (WrongShape wrongShape) {
            return success
                    ? failure(ProbeFailure.Kind.WRONG_SHAPE, wrongShape.getMessage(), body)
                    : httpError(httpStatus, body);
        }
    }

    private Optional<JsonNode> readJson(byte[] body) {
        try {
            JsonNode root = mapper.readTree(body);
            return root == null || root.isMissingNode() ? Optional.empty() : Optional.of(root);
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    private static HealthReport toReport(int httpStatus, JsonNode root) throws WrongShape {
        if (!root.isObject()) {
            throw new WrongShape("top level is " + typeOf(root) + ", expected an object");
        }
        String status = requiredText(root, "status");
        Map<String, String> services = requiredServices(root);
        HealthReport.Answer answer = new HealthReport.Answer("HTTP " + httpStatus, httpStatus / 100 == 2);
        return new HealthReport(answer, status, services, optionalText(root, "service"), optionalPid(root),
                optionalText(root, "correlation_id"), optionalMetrics(root));
    }

    private static String requiredText(JsonNode root, String field) throws WrongShape {
        JsonNode value = root.get(field);
        if (value == null) {
            throw new WrongShape("field '" + field + "' is missing");
        }
        if (!value.isTextual()) {
            throw new WrongShape("field '" + field + "' is " + typeOf(value) + ", expected a string");
        }
        return value.textValue();
    }

    private static Map<String, String> requiredServices(JsonNode root) throws WrongShape {
        JsonNode services = root.get("services");
        if (services == null) {
            throw new WrongShape("field 'services' is missing");
        }
        if (!services.isObject()) {
            throw new WrongShape("field 'services' is " + typeOf(services) + ", expected an object");
        }
        Map<String, String> result = new HashMap<>();
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            if (!service.getValue().isTextual()) {
                throw new WrongShape("field 'services." + service.getKey() + "' is " + typeOf(service.getValue())
                        + ", expected a string");
            }
            result.put(service.getKey(), service.getValue().textValue());
        }
        return result;
    }

    private static Optional<String> optionalText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    private static OptionalLong optionalPid(JsonNode root) {
        JsonNode pid = root.get("pid");
        if (pid == null || !pid.isIntegralNumber() || !pid.canConvertToLong() || pid.longValue() <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(pid.longValue());
    }

    private static Optional<HealthReport.Metrics> optionalMetrics(JsonNode root) {
        JsonNode metrics = root.get("metrics");
        if (metrics == null || !metrics.isObject()) {
            return Optional.empty();
        }
        JsonNode uptime = metrics.get("uptime_seconds");
        JsonNode memory = metrics.get("memory_mb");
        JsonNode connections = metrics.get("active_connections");
        if (uptime == null || !uptime.isNumber() || memory == null || !memory.isNumber()
                || connections == null || !connections.isIntegralNumber() || !connections.canConvertToLong()) {
            return Optional.empty();
        }
        return Optional.of(new HealthReport.Metrics(uptime.doubleValue(), memory.doubleValue(),
                connections.longValue()));
    }

    private static ProbeFailure httpError(int httpStatus, byte[] body) {
        return failure(ProbeFailure.Kind.ERROR_STATUS, "HTTP " + httpStatus, body);
    }

    private static ProbeFailure failure(ProbeFailure.Kind kind, String detail, byte[] body) {
        return new ProbeFailure(kind, detail, BodyPrefix.of(body));
    }

    private static String typeOf(JsonNode node) {
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

    /** Internal signal that valid JSON is not a health report; carries the one-line reason. */
    private static final class WrongShape extends Exception {
        private static final long serialVersionUID = 1L;

        WrongShape(String reason) {
            super(reason, null, false, false);
        }
    }
}
