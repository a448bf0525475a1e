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

class IetfHealthReaderTest {

    /** The draft's own example (section 3), trimmed: two checks, one with two results. */
    private static final String DRAFT_EXAMPLE = """
            {
              "status": "pass",
              "version": "1",
              "releaseId": "1.2.2",
              "notes": [""],
              "output": "",
              "serviceId": "f03e522f-1f44-4062-9b55-9587f91c9c41",
              "description": "health of authz service",
              "checks": {
                "cassandra:responseTime": [
                  {"componentId": "dfd6cf2b", "componentType": "datastore", "observedValue": 250,
                   "observedUnit": "ms", "status": "pass", "time": "2018-01-17T03:36:48Z", "output": ""},
                  {"componentId": "6fd416e0", "componentType": "datastore", "observedValue": 250,
                   "observedUnit": "ms", "status": "warn", "time": "2018-01-17T03:36:48Z", "output": ""}
                ],
                "uptime": [
                  {"componentType": "system", "observedValue": 1209600.245, "observedUnit": "s",
                   "status": "pass", "time": "2018-01-17T03:36:48Z"}
                ]
              },
              "links": {"about": "http://api.example.com/about/authz"}
            }
            """;

    private final IetfHealthReader reader = new IetfHealthReader();

    @Test
    void givenTheDraftsExample_whenReading_thenStatusChecksServiceIdAndReleaseId() {
        HealthObservation observation = read(200, DRAFT_EXAMPLE);

        assertThat(observation).isEqualTo(new HealthReport(new HealthReport.Answer("HTTP 200", true), "healthy",
                Map.of("cassandra:responseTime", "degraded", "uptime", "healthy"),
                Optional.of("f03e522f-1f44-4062-9b55-9587f91c9c41"), OptionalLong.empty(), Optional.empty(),
                Optional.empty(), Optional.of("1.2.2")));
    }

    @Test
    void givenOnlyAVersion_thenItIsTheReportsVersion() {
        HealthObservation observation = read(200, "{\"status\": \"pass\", \"version\": \"2\"}");

        assertThat(observation).isInstanceOfSatisfying(HealthReport.class, report ->
                assertThat(report.version()).contains("2"));
    }

    @ParameterizedTest
    @CsvSource({
            "pass, healthy", "ok, healthy", "up, healthy", "PASS, healthy", "Ok, healthy", "UP, healthy",
            "warn, degraded", "WARN, degraded",
            "fail, unhealthy", "error, unhealthy", "down, unhealthy", "FAIL, unhealthy", "Error, unhealthy",
            "DOWN, unhealthy"})
    void givenEachStatusWord_whenReading_thenLifelinesWord(String word, String health) {
        HealthReport report = (HealthReport) read(200, "{\"status\": \"" + word + "\"}");

        assertThat(report.status()).isEqualTo(health);
        assertThat(report.services()).isEmpty();
        assertThat(report.service()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "pass, pass, healthy", "pass, warn, degraded", "warn, pass, degraded", "pass, fail, unhealthy",
            "fail, warn, unhealthy", "warn, warn, degraded", "ok, down, unhealthy", "up, error, unhealthy"})
    void givenACheckWithSeveralResults_whenReading_thenTheWorstStatus(String first, String second, String worst) {
        HealthReport report = (HealthReport) read(200, """
                {"status": "pass", "checks": {"database:responseTime": [{"status": "%s"}, {"status": "%s"}]}}
                """.formatted(first, second));

        assertThat(report.services()).containsExactlyEntriesOf(Map.of("database:responseTime", worst));
    }

    @Test
    void givenEveryCheck_whenReading_thenEachIsAServiceNamedByItsKey() {
        HealthReport report = (HealthReport) read(200, """
                {"status": "warn", "checks": {"cache": [{"status": "pass"}], "websocket": [{"status": "warn"}],
                 "database:connections": [{"status": "fail", "observedValue": 0}]}}
                """);

        assertThat(report.status()).isEqualTo("degraded");
        assertThat(report.services()).isEqualTo(
                Map.of("cache", "healthy", "websocket", "degraded", "database:connections", "unhealthy"));
    }

    @Test
    void givenEmptyChecks_whenReading_thenNoServices() {
        assertThat(((HealthReport) read(200, "{\"status\": \"pass\", \"checks\": {}}")).services()).isEmpty();
    }

    @Test
    void givenServiceIdThatIsNotAString_whenReading_thenNoServiceNameLikeTheBuiltInReader() {
        assertThat(((HealthReport) read(200, "{\"status\": \"pass\", \"serviceId\": 7}")).service()).isEmpty();
    }

    @Test
    void givenFailWith503AndValidBody_whenReading_thenAReportThatIsNotASuccess() {
        HealthObservation observation = read(503, "{\"status\": \"fail\", \"checks\": {\"db\": [{\"status\": \"fail\"}]}}");

        assertThat(observation).isEqualTo(new HealthReport(new HealthReport.Answer("HTTP 503", false), "unhealthy",
                Map.of("db", "unhealthy"), Optional.empty(), OptionalLong.empty(), Optional.empty(),
                Optional.empty()));
    }

    @Test
    void givenPassWith500_whenJudged_thenUnhealthyBecauseTheAnswerIsNoSuccess() {
        HealthVerdict verdict = new HealthAcceptance(Set.of(), false).evaluate(read(500, "{\"status\": \"pass\"}"));

        assertThat(verdict).isInstanceOf(HealthVerdict.Unhealthy.class);
        assertThat(verdict.describe()).isEqualTo("unhealthy (HTTP 500, status healthy)");
    }

    @Test
    void givenAnotherServiceId_whenJudgedWithAnExpectedService_thenForeign() {
        HealthVerdict verdict = new HealthAcceptance(Set.of(), false).withExpectedService("orders")
                .evaluate(read(200, "{\"status\": \"pass\", \"serviceId\": \"billing\"}"));

        assertThat(verdict).isInstanceOf(HealthVerdict.Foreign.class);
    }

    @Test
    void givenRequiredChecks_whenJudged_thenTheyCountLikeServices() {
        HealthAcceptance acceptance = new HealthAcceptance(Set.of("database", "cache"), false);

        HealthVerdict verdict = acceptance.evaluate(read(200, """
                {"status": "pass", "checks": {"database": [{"status": "pass"}], "cache": [{"status": "fail"}]}}
                """));

        assertThat(verdict.describe()).isEqualTo("unhealthy (cache: unhealthy)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "<html>pass</html>", "{\"status\": \"pass\"} trailing",
            "{\"status\": \"pass\"}{\"status\": \"fail\"}", "{\"status\": \"pass\"", "\"pass\" ,"})
    void givenBodyThatIsNotJson_whenReading_thenNotJsonWithTheBody(String body) {
        ProbeFailure failure = (ProbeFailure) read(200, body);

        assertThat(failure.kind()).isEqualTo(ProbeFailure.Kind.NOT_JSON);
        assertThat(failure.detail()).isEqualTo("answered HTTP 200 with a body that is not JSON");
        assertThat(failure.bodyPrefix()).isEqualTo(BodyPrefix.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[]|top level is an array, expected an object",
            "\"pass\"|top level is a string, expected an object",
            "null|top level is null, expected an object",
            "{}|field 'status' is missing",
            "{\"status\": true}|field 'status' is a boolean, expected a string",
            "{\"status\": \"healthy\"}|field 'status' is 'healthy', expected pass, ok, up, warn, fail, error or down",
            "{\"status\": \"passing\"}|field 'status' is 'passing', expected pass, ok, up, warn, fail, error or down",
            "{\"status\": \"pass\", \"checks\": []}|field 'checks' is an array, expected an object",
            "{\"status\": \"pass\", \"checks\": {\"db\": {\"status\": \"pass\"}}}|"
                    + "field 'checks.db' is an object, expected an array of objects with a status",
            "{\"status\": \"pass\", \"checks\": {\"db\": []}}|"
                    + "field 'checks.db' is an empty array, expected an array of objects with a status",
            "{\"status\": \"pass\", \"checks\": {\"db\": [\"pass\"]}}|field 'checks.db[0]' is a string, expected an object",
            "{\"status\": \"pass\", \"checks\": {\"db\": [{\"status\": \"pass\"}, {}]}}|"
                    + "field 'checks.db[1].status' is missing",
            "{\"status\": \"pass\", \"checks\": {\"db\": [{\"status\": 1}]}}|"
                    + "field 'checks.db[0].status' is a number, expected a string",
            "{\"status\": \"pass\", \"checks\": {\"db\": [{\"status\": \"UP!\"}]}}|"
                    + "field 'checks.db[0].status' is 'UP!', expected pass, ok, up, warn, fail, error or down"})
    void givenJsonOfAnotherShape_whenReading_thenWrongShapeSayingWhere(String body, String detail) {
        ProbeFailure failure = (ProbeFailure) read(200, body);

        assertThat(failure.kind()).isEqualTo(ProbeFailure.Kind.WRONG_SHAPE);
        assertThat(failure.detail()).isEqualTo(detail);
        assertThat(failure.bodyPrefix()).isEqualTo(BodyPrefix.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<html>Bad Gateway</html>", "{\"status\": \"pass\"} x", "{\"error\": \"boom\"}",
            "{\"status\": \"broken\"}"})
    void givenNon2xxWithUnreadableBody_whenReading_thenErrorStatusWithTheBody(String body) {
        ProbeFailure failure = (ProbeFailure) read(502, body);

        assertThat(failure.kind()).isEqualTo(ProbeFailure.Kind.ERROR_STATUS);
        assertThat(failure.detail()).isEqualTo("HTTP 502");
        assertThat(failure.bodyPrefix()).isEqualTo(BodyPrefix.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void givenLongBodyOfAnotherShape_whenReading_thenOnlyItsStartIsQuoted() {
        String body = "{\"status\": \"pass\", \"checks\": [" + "1, ".repeat(200) + "1]}";

        ProbeFailure failure = (ProbeFailure) read(200, body);

        assertThat(failure.bodyPrefix()).endsWith("...").hasSizeLessThan(body.length());
    }

    private HealthObservation read(int status, String body) {
        return reader.read(status, body.getBytes(StandardCharsets.UTF_8));
    }
}
