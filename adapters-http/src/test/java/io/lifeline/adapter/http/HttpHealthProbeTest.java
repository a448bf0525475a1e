package io.lifeline.adapter.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.ProbeFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.lifeline.adapter.http.ProbeRuns.probeAndWait;
import static org.assertj.core.api.Assertions.assertThat;

class HttpHealthProbeTest {

    private static final CorrelationId CORRELATION_ID = new CorrelationId("backend-startup-1700000000000");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    private static WireMockServer server;

    private final HttpHealthProbe probe = new HttpHealthProbe();

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void resetServer() {
        server.resetAll();
    }

    @Test
    void givenHealthyBackend_whenProbing_thenReportWithEveryField() {
        answerHealth(json(200, HealthBodies.FIXTURE_HEALTHY));

        HealthReport report = (HealthReport) probe(PROBE_TIMEOUT);

        assertThat(report.answer()).isEqualTo(new HealthReport.Answer("HTTP 200", true));
        assertThat(report.status()).isEqualTo("healthy");
        assertThat(report.services()).isEqualTo(
                Map.of("cache", "healthy", "websocket", "healthy", "database", "healthy"));
        assertThat(report.service()).contains("lifeline-fixture");
        assertThat(report.pid()).isEqualTo(OptionalLong.of(4242));
        assertThat(report.correlationId()).contains("backend-startup-1700000000000");
        assertThat(report.metrics()).contains(new HealthReport.Metrics(1.234, 42.5, 1));
    }

    @Test
    void givenAnyProbe_whenSent_thenCarriesCorrelationIdAndAcceptsJson() {
        answerHealth(json(200, HealthBodies.FIXTURE_HEALTHY));

        probe(PROBE_TIMEOUT);

        server.verify(1, getRequestedFor(urlEqualTo("/health"))
                .withHeader("X-Correlation-ID", equalTo(CORRELATION_ID.value()))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void givenCustomHealthPath_whenProbing_thenThatPathIsAsked() {
        server.stubFor(get(urlEqualTo("/api/v1/health")).willReturn(json(200, HealthBodies.minimal("healthy"))));

        HealthObservation observation = probeAndWait(new HttpHealthProbe("/api/v1/health"), endpoint(),
                CORRELATION_ID, PROBE_TIMEOUT);

        assertThat(observation).isInstanceOf(HealthReport.class);
    }

    @Test
    void givenDegradedBackend_whenProbing_thenReportSaysDegraded() {
        answerHealth(json(200, HealthBodies.FIXTURE_DEGRADED));

        HealthReport report = (HealthReport) probe(PROBE_TIMEOUT);

        assertThat(report.status()).isEqualTo("degraded");
        assertThat(report.services()).containsEntry("database", "degraded");
    }

    @Test
    void givenUnknownStatusString_whenProbing_thenStillAReport() {
        answerHealth(json(200, HealthBodies.minimal("starting")));

        assertThat(probe(PROBE_TIMEOUT)).isInstanceOf(HealthReport.class)
                .extracting(report -> ((HealthReport) report).status()).isEqualTo("starting");
    }

    @Test
    void given500WithHealthBody_whenProbing_thenReportCarriesThe500() {
        answerHealth(json(500, HealthBodies.fixture("unhealthy", "healthy", "healthy", "unhealthy")));

        HealthReport report = (HealthReport) probe(PROBE_TIMEOUT);

        assertThat(report.answer()).isEqualTo(new HealthReport.Answer("HTTP 500", false));
        assertThat(report.status()).isEqualTo("unhealthy");
    }

    @Test
    void given503WithHealthBody_whenProbing_thenReportCarriesThe503() {
        answerHealth(json(503, HealthBodies.fixture("unhealthy", "unhealthy", "healthy", "healthy")));

        assertThat(((HealthReport) probe(PROBE_TIMEOUT)).answer())
                .isEqualTo(new HealthReport.Answer("HTTP 503", false));
    }

    @Test
    void given500WithoutBody_whenProbing_thenHttpError() {
        answerHealth(aResponse().withStatus(500));

        assertFailure(probe(PROBE_TIMEOUT), ProbeFailure.Kind.ERROR_STATUS, "HTTP 500");
    }

    @Test
    void given503WithOtherJson_whenProbing_thenHttpErrorWithBodyPrefix() {
        answerHealth(json(503, "{\"detail\": \"Service Unavailable\"}"));

        ProbeFailure failure = assertFailure(probe(PROBE_TIMEOUT), ProbeFailure.Kind.ERROR_STATUS, "HTTP 503");
        assertThat(failure.bodyPrefix()).isEqualTo("{\"detail\": \"Service Unavailable\"}");
    }

    @Test
    void givenHtmlErrorPage_whenProbing_thenNotJsonWithPrintablePrefix() {
        answerHealth(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html>\n<html><body><h1>Welcome to nginx!</h1></body></html>\n"));

        ProbeFailure failure = assertFailure(probe(PROBE_TIMEOUT), ProbeFailure.Kind.NOT_JSON,
                "answered HTTP 200 with a body that is not JSON");
        assertThat(failure.bodyPrefix()).startsWith("<!DOCTYPE html>\\n<html>").doesNotContain("\n");
    }

    @Test
    void givenEmptyBody_whenProbing_thenNotJson() {
        answerHealth(aResponse().withStatus(200));

        ProbeFailure failure = assertFailure(probe(PROBE_TIMEOUT), ProbeFailure.Kind.NOT_JSON,
                "answered HTTP 200 with a body that is not JSON");
        assertThat(failure.bodyPrefix()).isEmpty();
    }

    @Test
    void givenMissingServices_whenProbing_thenWrongShape() {
        answerHealth(json(200, "{\"status\": \"healthy\"}"));

        assertFailure(probe(PROBE_TIMEOUT), ProbeFailure.Kind.WRONG_SHAPE, "field 'services' is missing");
    }

    @Test
    void givenWronglyTypedJson_whenProbing_thenWrongShapeNamesTheField() {
        answerHealth(json(200, "{\"status\": 200, \"services\": {\"database\": \"healthy\"}}"));

        assertFailure(probe(PROBE_TIMEOUT), ProbeFailure.Kind.WRONG_SHAPE,
                "field 'status' is a number, expected a string");
    }

    @Test
    void givenServicesAsList_whenProbing_thenWrongShape() {
        answerHealth(json(200, "{\"status\": \"healthy\", \"services\": [\"database\"]}"));

        assertFailure(probe(PROBE_TIMEOUT), ProbeFailure.Kind.WRONG_SHAPE,
                "field 'services' is an array, expected an object");
    }

    @Test
    void givenRedirectLoop_whenProbing_thenHttpErrorWithoutFollowing() {
        answerHealth(aResponse().withStatus(302).withHeader("Location", "/health"));

        assertFailure(probe(PROBE_TIMEOUT), ProbeFailure.Kind.ERROR_STATUS,
                "HTTP 302 redirect to /health (redirects are not followed)");
        server.verify(1, getRequestedFor(urlEqualTo("/health")));
    }

    // MALFORMED_RESPONSE_CHUNK is left out: to a request with Connection: close WireMock answers with a body that
    // ends at the close, so its garbage is a body, not a broken chunk (HttpHealthProbeConnectionTest has those).
    @ParameterizedTest
    @EnumSource(value = Fault.class, mode = EnumSource.Mode.EXCLUDE, names = "MALFORMED_RESPONSE_CHUNK")
    void givenBrokenConnection_whenProbing_thenConnectionError(Fault fault) {
        answerHealth(aResponse().withFault(fault));

        // A connection error, not a timeout: the probe tells a broken connection as soon as it breaks.
        ProbeFailure failure = assertKind(probe(PROBE_TIMEOUT), ProbeFailure.Kind.CONNECTION_ERROR);
        assertThat(failure.detail()).isNotBlank().doesNotContain("\n");
    }

    @Test
    void givenHeadersSlowerThanTimeout_whenProbing_thenTimeoutInsteadOfTheLateReport() {
        // Had the probe waited for the headers, it would have seen a healthy report.
        answerHealth(json(200, HealthBodies.FIXTURE_HEALTHY).withFixedDelay(2_000));

        assertFailure(probe(SHORT_TIMEOUT), ProbeFailure.Kind.TIMEOUT, "no answer within 300ms");
    }

    @Test
    void givenBodySlowerThanTimeout_whenProbing_thenTimeoutInsteadOfTheLateReport() {
        // Had the probe read the body to its end (3 s), it would have seen a healthy report.
        answerHealth(json(200, HealthBodies.FIXTURE_HEALTHY).withChunkedDribbleDelay(20, 3_000));

        assertFailure(probe(SHORT_TIMEOUT), ProbeFailure.Kind.TIMEOUT, "no answer within 300ms");
    }

    @Test
    void givenTenMegabyteBody_whenProbing_thenTooLargeWithTheBodysStart() {
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'x');
        answerHealth(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(huge));

        ProbeFailure failure = assertFailure(probe(PROBE_TIMEOUT), ProbeFailure.Kind.TOO_LARGE,
                "health body exceeds 64 KiB");
        assertThat(failure.bodyPrefix()).startsWith("xxxxxxxx");
    }

    @Test
    void givenBodyOfExactlyTheLimit_whenProbing_thenItIsParsed() {
        String body = HealthBodies.minimal("healthy");
        String padded = body + " ".repeat(HttpHealthProbe.MAX_BODY_BYTES - body.length());
        answerHealth(json(200, padded));

        assertThat(probe(PROBE_TIMEOUT)).isInstanceOf(HealthReport.class);
    }

    @ParameterizedTest
    @CsvSource({"299, answered HTTP 299 with a body that is not JSON", "300, HTTP 300 redirect to /elsewhere (redirects are"
            + " not followed)", "399, HTTP 399 redirect to /elsewhere (redirects are not followed)",
            "400, HTTP 400"})
    void givenStatusesAtTheRedirectRangesEdges_whenProbing_thenOnlyThreeHundredsAreRedirects(int status,
                                                                                             String detail) {
        answerHealth(aResponse().withStatus(status).withHeader("Location", "/elsewhere").withBody("nope"));

        ProbeFailure failure = assertKind(probe(PROBE_TIMEOUT), status < 300 ? ProbeFailure.Kind.NOT_JSON
                : ProbeFailure.Kind.ERROR_STATUS);
        assertThat(failure.detail()).startsWith(detail);
    }

    @Test
    void givenRedirectWithoutLocation_orWithAnEndlessOne_whenProbing_thenSaidAndCut() {
        answerHealth(aResponse().withStatus(307));
        assertFailure(probe(PROBE_TIMEOUT), ProbeFailure.Kind.ERROR_STATUS,
                "HTTP 307 redirect without a Location header (redirects are not followed)");

        answerHealth(aResponse().withStatus(301).withHeader("Location", "/" + "a".repeat(199)));
        assertFailure(probe(PROBE_TIMEOUT), ProbeFailure.Kind.ERROR_STATUS,
                "HTTP 301 redirect to /" + "a".repeat(199) + " (redirects are not followed)");

        answerHealth(aResponse().withStatus(301).withHeader("Location", "/" + "a".repeat(300)));
        assertFailure(probe(PROBE_TIMEOUT), ProbeFailure.Kind.ERROR_STATUS,
                "HTTP 301 redirect to /" + "a".repeat(199) + "... (redirects are not followed)");
    }

    @Test
    void given400WithHealthBody_whenProbing_thenReportCarriesThe400() {
        answerHealth(json(400, HealthBodies.minimal("unhealthy")));

        assertThat(((HealthReport) probe(PROBE_TIMEOUT)).answer())
                .isEqualTo(new HealthReport.Answer("HTTP 400", false));
    }

    private HealthObservation probe(Duration timeout) {
        return probeAndWait(probe, endpoint(), CORRELATION_ID, timeout);
    }

    private static Endpoint endpoint() {
        return new Endpoint("127.0.0.1", server.port());
    }

    private static void answerHealth(ResponseDefinitionBuilder response) {
        server.stubFor(get(urlEqualTo("/health")).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ProbeFailure assertKind(HealthObservation observation, ProbeFailure.Kind kind) {
        assertThat(observation).isInstanceOf(ProbeFailure.class);
        ProbeFailure failure = (ProbeFailure) observation;
        assertThat(failure.kind()).as(failure.describe()).isEqualTo(kind);
        return failure;
    }

    static ProbeFailure assertFailure(HealthObservation observation, ProbeFailure.Kind kind, String detail) {
        ProbeFailure failure = assertKind(observation, kind);
        assertThat(failure.detail()).isEqualTo(detail);
        return failure;
    }
}
