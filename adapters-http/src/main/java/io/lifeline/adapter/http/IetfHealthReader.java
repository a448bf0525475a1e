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
 * {@code application/health+json} (draft-inadarei-api-health-check-06).
 *
 * <p>Required: {@code status}, one of {@code pass}/{@code ok}/{@code up} (healthy), {@code warn} (degraded),
 * {@code fail}/{@code error}/{@code down} (unhealthy), in any case; another word is not this format. Optional:
 * {@code checks}, an object whose every entry (key like {@code "database:responseTime"}) is a non-empty array of
 * objects with such a {@code status}; each entry becomes a service named by its key, with the worst status of its
 * array. {@code serviceId}, when a string, is the name the backend gives itself (so {@code expectedService} applies).
 * Other fields are ignored. A non-2xx answer with a valid body is still a report, so the run can tell "fail" from
 * "broken".
 */
public final class IetfHealthReader implements HealthAnswerReader {

    private static final Map<String, String> WORDS = Map.of(
            "pass", JsonAnswer.HEALTHY, "ok", JsonAnswer.HEALTHY, "up", JsonAnswer.HEALTHY,
            "warn", JsonAnswer.DEGRADED,
            "fail", JsonAnswer.UNHEALTHY, "error", JsonAnswer.UNHEALTHY, "down", JsonAnswer.UNHEALTHY);
    private static final String EXPECTED = "pass, ok, up, warn, fail, error or down";

    @Override
    public HealthObservation read(int httpStatus, byte[] body) {
        return JsonAnswer.read(httpStatus, body, root -> toReport(httpStatus, JsonAnswer.object(root)));
    }

    private static HealthReport toReport(int httpStatus, JsonNode root) throws JsonAnswer.WrongShape {
        String status = health(root, "status");
        Map<String, String> services = checks(root);
        return new HealthReport(new HealthReport.Answer("HTTP " + httpStatus, JsonAnswer.isSuccess(httpStatus)),
                status, services, JsonAnswer.optionalText(root, "serviceId"), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), JsonAnswer.optionalText(root, "releaseId")
                        .or(() -> JsonAnswer.optionalText(root, "version")));
    }

    private static Map<String, String> checks(JsonNode root) throws JsonAnswer.WrongShape {
        JsonNode checks = root.get("checks");
        if (checks == null) {
            return Map.of();
        }
        if (!checks.isObject()) {
            throw new JsonAnswer.WrongShape("field 'checks' is " + JsonAnswer.typeOf(checks) + ", expected an object");
        }
        Map<String, String> services = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> check : checks.properties()) {
            String where = "checks." + check.getKey();
            JsonNode results = check.getValue();
            if (!results.isArray() || results.isEmpty()) {
                throw new JsonAnswer.WrongShape("field '" + where + "' is "
                        + (results.isArray() ? "an empty array" : JsonAnswer.typeOf(results))
                        + ", expected an array of objects with a status");
            }
            String worst = JsonAnswer.HEALTHY;
            for (int index = 0; index < results.size(); index++) {
                JsonNode result = results.get(index);
                String resultWhere = where + "[" + index + "]";
                if (!result.isObject()) {
                    throw new JsonAnswer.WrongShape("field '" + resultWhere + "' is " + JsonAnswer.typeOf(result)
                            + ", expected an object");
                }
                worst = JsonAnswer.worse(worst, health(result, resultWhere + ".status"));
            }
            services.put(check.getKey(), worst);
        }
        return services;
    }

    /** The {@code status} of {@code node} in Lifeline's words; {@code where} names it in the message. */
    private static String health(JsonNode node, String where) throws JsonAnswer.WrongShape {
        String word = JsonAnswer.requiredText(node, "status", where);
        String health = WORDS.get(word.toLowerCase(Locale.ROOT));
        if (health == null) {
            throw new JsonAnswer.WrongShape("field '" + where + "' is '" + word + "', expected " + EXPECTED);
        }
        return health;
    }
}
