package io.lifeline.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Spring Boot actuator's {@code /actuator/health}.
 *
 * <p>Required: {@code status}, one of {@code UP} (healthy), {@code DOWN}, {@code OUT_OF_SERVICE} or {@code UNKNOWN}
 * (unhealthy), in any case; another word (a custom status) is not understood and is reported as such. Optional:
 * {@code components}, an object whose every entry is an object with such a {@code status} (a composite's nested
 * {@code components} are not read: its own status already sums them up); each becomes a service. Spring sends no
 * service name. Other fields ({@code details}, {@code groups}) are ignored. A 503 with a valid body, which is how
 * actuator answers when down, is a report, not a transport error.
 */
public final class SpringActuatorReader implements HealthAnswerReader {

    private static final Map<String, String> WORDS = Map.of(
            "UP", JsonAnswer.HEALTHY,
            "DOWN", JsonAnswer.UNHEALTHY, "OUT_OF_SERVICE", JsonAnswer.UNHEALTHY, "UNKNOWN", JsonAnswer.UNHEALTHY);
    private static final String EXPECTED = "UP, DOWN, OUT_OF_SERVICE or UNKNOWN";

    @Override
    public HealthObservation read(int httpStatus, byte[] body) {
        return JsonAnswer.read(httpStatus, body, root -> toReport(httpStatus, JsonAnswer.object(root)));
    }

    private static HealthReport toReport(int httpStatus, JsonNode root) throws JsonAnswer.WrongShape {
        String status = health(root, "status");
        Map<String, String> services = components(root);
        return new HealthReport(new HealthReport.Answer("HTTP " + httpStatus, JsonAnswer.isSuccess(httpStatus)),
                status, services, Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty());
    }

    private static Map<String, String> components(JsonNode root) throws JsonAnswer.WrongShape {
        JsonNode components = root.get("components");
        if (components == null) {
            return Map.of();
        }
        if (!components.isObject()) {
            throw new JsonAnswer.WrongShape("field 'components' is " + JsonAnswer.typeOf(components)
                    + ", expected an object");
        }
        Map<String, String> services = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> component : components.properties()) {
            String where = "components." + component.getKey();
            if (!component.getValue().isObject()) {
                throw new JsonAnswer.WrongShape("field '" + where + "' is " + JsonAnswer.typeOf(component.getValue())
                        + ", expected an object");
            }
            services.put(component.getKey(), health(component.getValue(), where + ".status"));
        }
        return services;
    }

    /** The {@code status} of {@code node} in Lifeline's words; {@code where} names it in the message. */
    private static String health(JsonNode node, String where) throws JsonAnswer.WrongShape {
        String word = JsonAnswer.requiredText(node, "status", where);
        String health = WORDS.get(word.toUpperCase(Locale.ROOT));
        if (health == null) {
            throw new JsonAnswer.WrongShape("field '" + where + "' is '" + word + "', expected " + EXPECTED);
        }
        return health;
    }
}
