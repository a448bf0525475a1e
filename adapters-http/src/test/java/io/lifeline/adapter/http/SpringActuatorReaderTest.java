package io.lifeline.adapter.http;

import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.ProbeFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SpringActuatorReaderTest {

    /** What Spring Boot 3 answers with {@code management.endpoint.health.show-details=always}. */
    private static final String ACTUATOR_WITH_DETAILS = """
            {
              "status": "UP",
              "components": {
                "db": {"status": "UP", "details": {"database": "PostgreSQL", "validationQuery": "isValid()"}},
                "diskSpace": {"status": "UP", "details": {"total": 499963174912, "free": 91300069376,
                              "threshold": 10485760, "path": "/app/.", "exists": true}},
                "redis": {"status": "UP", "components": {"primary": {"status": "UP"}, "replica": {"status": "DOWN"}}},
                "ping": {"status": "UP"}
              },
              "groups": ["liveness", "readiness"]
            }
            """;

    private final SpringActuatorReader reader = new SpringActuatorReader();

    @Test
    void givenActuatorWithDetails_whenReading_thenEachComponentIsAService() {
        HealthObservation observation = read(200, ACTUATOR_WITH_DETAILS);

        assertThat(observation).isEqualTo(new HealthReport(new HealthReport.Answer("HTTP 200", true), "healthy",
                Map.of("db", "healthy", "diskSpace", "healthy", "redis", "healthy", "ping", "healthy"),
                Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void givenActuatorWithoutDetails_whenReading_thenOnlyTheStatus() {
        HealthObservation observation = read(200, "{\"status\":\"UP\"}");

        assertThat(observation).isEqualTo(new HealthReport(new HealthReport.Answer("HTTP 200", true), "healthy",
                Map.of(), Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty()));
    }

    @ParameterizedTest
    @CsvSource({"UP, healthy", "up, healthy", "DOWN, unhealthy", "OUT_OF_SERVICE, unhealthy",
            "out_of_service, unhealthy", "UNKNOWN, unhealthy", "Down, unhealthy"})
    void givenEachStatusWord_whenReading_thenLifelinesWordForTheStatusAndAComponent(String word, String health) {
        HealthReport report = (HealthReport) read(200, """
                {"status": "%s", "components": {"db": {"status": "%s"}}}
                """.formatted(word, word));

        assertThat(report.status()).isEqualTo(health);
        assertThat(report.services()).containsExactlyEntriesOf(Map.of("db", health));
    }

    @Test
    void givenOutOfServiceWith503_whenReading_thenAReportThatIsNotASuccess() {
        HealthObservation observation = read(503, """
                {"status": "OUT_OF_SERVICE", "components": {"db": {"status": "UP"}, "readiness": {"status": "OUT_OF_SERVICE"}}}
                """);

        assertThat(observation).isEqualTo(new HealthReport(new HealthReport.Answer("HTTP 503", false), "unhealthy",
                Map.of("db", "healthy", "readiness", "unhealthy"), Optional.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.empty()));
    }

    @Test
    void givenDownWith503_whenJudged_thenUnhealthyNotUnreachable() {
        HealthVerdict verdict = new HealthAcceptance(Set.of(), false).evaluate(read(503, "{\"status\": \"DOWN\"}"));

        assertThat(verdict).isInstanceOf(HealthVerdict.Unhealthy.class);
        assertThat(verdict.describe()).isEqualTo("unhealthy (HTTP 503, status unhealthy)");
    }

    @Test
    void givenRequiredComponentDown_whenJudged_thenUnhealthyNamingIt() {
        HealthVerdict verdict = new HealthAcceptance(Set.of("db"), false).evaluate(read(200, """
                {"status": "UP", "components": {"db": {"status": "DOWN"}}}
                """));

        assertThat(verdict.describe()).isEqualTo("unhealthy (db: unhealthy)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n", "UP", "<html><body>Whitelabel Error Page</body></html>",
            "{\"status\": \"UP\"} {}", "{\"status\": \"UP\"}]", "{\"status\": \"UP\","})
    void givenBodyThatIsNotJson_whenReading_thenNotJsonWithTheBody(String body) {
        ProbeFailure failure = (ProbeFailure) read(200, body);

        assertThat(failure.kind()).isEqualTo(ProbeFailure.Kind.NOT_JSON);
        assertThat(failure.detail()).isEqualTo("answered HTTP 200 with a body that is not JSON");
        assertThat(failure.bodyPrefix()).isEqualTo(BodyPrefix.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[]|top level is an array, expected an object",
            "42|top level is a number, expected an object",
            "{}|field 'status' is missing",
            "{\"status\": null}|field 'status' is null, expected a string",
            "{\"status\": {\"code\": \"UP\"}}|field 'status' is an object, expected a string",
            "{\"status\": \"healthy\"}|field 'status' is 'healthy', expected UP, DOWN, OUT_OF_SERVICE or UNKNOWN",
            "{\"status\": \"WARNING\"}|field 'status' is 'WARNING', expected UP, DOWN, OUT_OF_SERVICE or UNKNOWN",
            "{\"status\": \"UP\", \"components\": []}|field 'components' is an array, expected an object",
            "{\"status\": \"UP\", \"components\": {\"db\": \"UP\"}}|field 'components.db' is a string, expected an object",
            "{\"status\": \"UP\", \"components\": {\"db\": {}}}|field 'components.db.status' is missing",
            "{\"status\": \"UP\", \"components\": {\"db\": {\"status\": false}}}|"
                    + "field 'components.db.status' is a boolean, expected a string",
            "{\"status\": \"UP\", \"components\": {\"db\": {\"status\": \"pass\"}}}|"
                    + "field 'components.db.status' is 'pass', expected UP, DOWN, OUT_OF_SERVICE or UNKNOWN"})
    void givenJsonOfAnotherShape_whenReading_thenWrongShapeSayingWhere(String body, String detail) {
        ProbeFailure failure = (ProbeFailure) read(200, body);

        assertThat(failure.kind()).isEqualTo(ProbeFailure.Kind.WRONG_SHAPE);
        assertThat(failure.detail()).isEqualTo(detail);
        assertThat(failure.bodyPrefix()).isEqualTo(BodyPrefix.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Service Unavailable", "{\"status\": \"DOWN\"} x",
            "{\"timestamp\": \"2025-01-01T00:00:00Z\", \"status\": 503, \"error\": \"Service Unavailable\"}"})
    void givenNon2xxWithUnreadableBody_whenReading_thenErrorStatusWithTheBody(String body) {
        ProbeFailure failure = (ProbeFailure) read(503, body);

        assertThat(failure.kind()).isEqualTo(ProbeFailure.Kind.ERROR_STATUS);
        assertThat(failure.detail()).isEqualTo("HTTP 503");
        assertThat(failure.bodyPrefix()).isEqualTo(BodyPrefix.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    private HealthObservation read(int status, String body) {
        return reader.read(status, body.getBytes(StandardCharsets.UTF_8));
    }
}
