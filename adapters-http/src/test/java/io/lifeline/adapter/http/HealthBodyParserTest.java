package io.lifeline.adapter.http;

import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.ProbeFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class HealthBodyParserTest {

    private final HealthBodyParser parser = new HealthBodyParser();

    @Test
    void givenFixtureBody_whenParsing_thenEveryKnownFieldIsRead() {
        HealthObservation observation = parse(200, HealthBodies.FIXTURE_HEALTHY);

        assertThat(observation).isEqualTo(new HealthReport(new HealthReport.Answer("HTTP 200", true), "healthy",
                Map.of("cache", "healthy", "websocket", "healthy", "database", "healthy"),
                Optional.of("lifeline-fixture"), OptionalLong.of(4242),
                Optional.of("backend-startup-1700000000000"),
                Optional.of(new HealthReport.Metrics(1.234, 42.5, 1))));
    }

    @Test
    void givenMinimalBody_whenParsing_thenOptionalFieldsAreEmpty() {
        HealthReport report = (HealthReport) parse(200, HealthBodies.minimal("healthy"));

        assertThat(report).isEqualTo(minimal(Map.of("database", "healthy")));
    }

    @Test
    void givenUnknownFields_whenParsing_thenTheyAreIgnored() {
        HealthObservation observation = parse(200, """
                {"status": "healthy", "services": {"db": "healthy"}, "version": {"major": 2}, "tags": [1, 2]}
                """);

        assertThat(observation).isEqualTo(minimal(Map.of("db", "healthy")));
    }

    @Test
    void givenUnknownStatusString_whenParsing_thenItIsStillAReportForTheDomainToJudge() {
        HealthReport report = (HealthReport) parse(200, HealthBodies.minimal("starting"));

        assertThat(report.status()).isEqualTo("starting");
        assertThat(report.services()).containsEntry("database", "starting");
    }

    @Test
    void givenNon2xxWithValidBody_whenParsing_thenReportCarriesTheHttpStatus() {
        HealthReport report = (HealthReport) parse(503, HealthBodies.fixture("unhealthy", "healthy", "healthy",
                "unhealthy"));

        assertThat(report.answer()).isEqualTo(new HealthReport.Answer("HTTP 503", false));
        assertThat(report.status()).isEqualTo("unhealthy");
    }

    @Test
    void givenNon2xxWithoutValidBody_whenParsing_thenHttpErrorWithBodyPrefix() {
        assertFailure(parse(500, "Internal Server Error"), ProbeFailure.Kind.ERROR_STATUS, "HTTP 500");
        assertThat(((ProbeFailure) parse(500, "Internal Server Error")).bodyPrefix())
                .isEqualTo("Internal Server Error");
        assertFailure(parse(503, "{\"detail\": \"overloaded\"}"), ProbeFailure.Kind.ERROR_STATUS, "HTTP 503");
        assertFailure(parse(404, ""), ProbeFailure.Kind.ERROR_STATUS, "HTTP 404");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "empty body|''",
            "whitespace only|'   '",
            "html page|<html><body>It works</body></html>",
            "plain text|OK",
            "truncated json|'{\"status\": \"healthy\", \"services\": {'",
            "json followed by garbage|'{\"status\": \"healthy\", \"services\": {}} trailing'",
    })
    void given2xxBodyThatIsNotJson_whenParsing_thenNotJson(String description, String body) {
        ProbeFailure failure = assertFailure(parse(200, body), ProbeFailure.Kind.NOT_JSON,
                "answered HTTP 200 with a body that is not JSON");
        assertThat(failure.bodyPrefix()).isEqualTo(body);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "'[1, 2]'|top level is an array, expected an object",
            "'\"healthy\"'|top level is a string, expected an object",
            "'42'|top level is a number, expected an object",
            "'null'|top level is null, expected an object",
            "'{\"services\": {}}'|field 'status' is missing",
            "'{\"status\": 1, \"services\": {}}'|field 'status' is a number, expected a string",
            "'{\"status\": null, \"services\": {}}'|field 'status' is null, expected a string",
            "'{\"status\": \"healthy\"}'|field 'services' is missing",
            "'{\"status\": \"healthy\", \"services\": [\"db\"]}'|field 'services' is an array, expected an object",
            "'{\"status\": \"healthy\", \"services\": \"all\"}'|field 'services' is a string, expected an object",
            "'{\"status\": \"healthy\", \"services\": {\"db\": true}}'|field 'services.db' is a boolean, expected a string",
            "'{\"status\": \"healthy\", \"services\": {\"db\": {\"ok\": 1}}}'|field 'services.db' is an object, expected a string",
    })
    void given2xxJsonOfWrongShape_whenParsing_thenWrongShapeNamesTheField(String body, String detail) {
        ProbeFailure failure = assertFailure(parse(200, body), ProbeFailure.Kind.WRONG_SHAPE, detail);
        assertThat(failure.bodyPrefix()).isEqualTo(body);
    }

    @Test
    void givenWronglyTypedMetrics_whenParsing_thenMetricsAreIgnoredAndTheReportStands() {
        HealthReport report = (HealthReport) parse(200, """
                {"status": "healthy", "services": {}, "metrics": {"uptime_seconds": "long",
                 "memory_mb": 1, "active_connections": 1}}
                """);

        assertThat(report.metrics()).isEmpty();
        assertThat(((HealthReport) parse(200, "{\"status\": \"healthy\", \"services\": {}, \"metrics\": [1]}"))
                .metrics()).isEmpty();
        assertThat(((HealthReport) parse(200, """
                {"status": "healthy", "services": {}, "metrics": {"uptime_seconds": 1, "memory_mb": 2,
                 "active_connections": 1.5}}
                """)).metrics()).isEmpty();
    }

    @Test
    void givenWronglyTypedOptionalIdentityFields_whenParsing_thenTheyAreTreatedAsAbsent() {
        HealthReport report = (HealthReport) parse(200, """
                {"status": "healthy", "services": {}, "service": 7, "pid": "4242", "correlation_id": null}
                """);

        assertThat(report.service()).isEmpty();
        assertThat(report.pid()).isEmpty();
        assertThat(report.correlationId()).isEmpty();
        assertThat(((HealthReport) parse(200, "{\"status\": \"healthy\", \"services\": {}, \"pid\": 12.5}"))
                .pid()).isEmpty();
    }

    @Test
    void givenNonUtf8Garbage_whenParsing_thenNotJsonWithPrintablePrefix() {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x00, 0x01, '\n', 'x'};

        ProbeFailure failure = assertFailure(parser.parse(200, garbage), ProbeFailure.Kind.NOT_JSON,
                "answered HTTP 200 with a body that is not JSON");
        assertThat(failure.bodyPrefix()).doesNotContain("\n").doesNotContain("\u0000");
    }

    @Test
    void givenDeeplyNestedJson_whenParsing_thenNotJsonInsteadOfAStackOverflow() {
        String body = "[".repeat(30_000) + "]".repeat(30_000);

        assertThat(parse(200, body)).isInstanceOf(ProbeFailure.class)
                .extracting(failure -> ((ProbeFailure) failure).kind()).isEqualTo(ProbeFailure.Kind.NOT_JSON);
    }

    @Test
    void givenPidZero_whenParsing_thenNoPid_butOneIsOne() {
        assertThat(((HealthReport) parse(200, "{\"status\": \"healthy\", \"services\": {}, \"pid\": 0}")).pid())
                .isEmpty();
        assertThat(((HealthReport) parse(200, "{\"status\": \"healthy\", \"services\": {}, \"pid\": 1}")).pid())
                .hasValue(1);
    }

    private HealthObservation parse(int httpStatus, String body) {
        return parser.parse(httpStatus, body.getBytes(StandardCharsets.UTF_8));
    }

    private static ProbeFailure assertFailure(HealthObservation observation, ProbeFailure.Kind kind, String detail) {
        assertThat(observation).isInstanceOf(ProbeFailure.class);
        ProbeFailure failure = (ProbeFailure) observation;
        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.detail()).isEqualTo(detail);
        return failure;
    }

    /** A report with only status and services, as an answer with HTTP 200 gives it. */
    private static HealthReport minimal(Map<String, String> services) {
        return new HealthReport(new HealthReport.Answer("HTTP 200", true), "healthy", services, Optional.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty());
    }
}
