package io.lifeline.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeline.adapter.http.JsonAnswer.WrongShape;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;

import java.util.HashMap;
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

    HealthObservation parse(int httpStatus, byte[] body) {
        return JsonAnswer.read(httpStatus, body, root -> toReport(httpStatus, root));
    }

    private static HealthReport toReport(int httpStatus, JsonNode root) throws WrongShape {
        JsonAnswer.object(root);
        String status = JsonAnswer.requiredText(root, "status", "status");
        Map<String, String> services = requiredServices(root);
        HealthReport.Answer answer = new HealthReport.Answer("HTTP " + httpStatus, JsonAnswer.isSuccess(httpStatus));
        return new HealthReport(answer, status, services, JsonAnswer.optionalText(root, "service"),
                optionalPid(root), JsonAnswer.optionalText(root, "correlation_id"), optionalMetrics(root),
                JsonAnswer.optionalText(root, "version"));
    }

    private static Map<String, String> requiredServices(JsonNode root) throws WrongShape {
        JsonNode services = root.get("services");
        if (services == null) {
            throw new WrongShape("field 'services' is missing");
        }
        if (!services.isObject()) {
            throw new WrongShape("field 'services' is " + JsonAnswer.typeOf(services) + ", expected an object");
        }
        Map<String, String> result = new HashMap<>();
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            if (!service.getValue().isTextual()) {
                throw new WrongShape("field 'services." + service.getKey() + "' is "
                        + JsonAnswer.typeOf(service.getValue()) + ", expected a string");
            }
            result.put(service.getKey(), service.getValue().textValue());
        }
        return result;
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
}
