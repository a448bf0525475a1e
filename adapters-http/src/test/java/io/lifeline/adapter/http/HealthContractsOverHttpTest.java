package io.lifeline.adapter.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.HealthVerdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.lifeline.adapter.http.ProbeRuns.probeAndWait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each health contract through a real {@link HttpHealthProbe} against WireMock, answering healthy, degraded and
 * down in its own format, and judged by the domain as the run would.
 */
class HealthContractsOverHttpTest {

    private static final CorrelationId CORRELATION_ID = new CorrelationId("backend-startup-1700000000000");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private static WireMockServer server;

    private HttpHealthProbe probe;

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

    @AfterEach
    void closeProbe() {
        if (probe != null) {
            probe.close();
        }
    }

    @Test
    void givenStatusCodeContract_whenBackendAnswers204Then200WithAnyBodyThen503_thenHealthyHealthyUnhealthy() {
        probe = new HttpHealthProbe("/", Executors.defaultThreadFactory(), StatusCodeHealthReader.any2xx());
        HealthAcceptance acceptance = new HealthAcceptance(Set.of(), false);

        answer("/", aResponse().withStatus(204));
        HealthVerdict healthy = acceptance.evaluate(probe());
        answer("/", aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html>degraded? the body is ignored</html>"));
        HealthVerdict anyBody = acceptance.evaluate(probe());
        answer("/", aResponse().withStatus(503).withBody("Service Unavailable"));
        HealthVerdict down = acceptance.evaluate(probe());

        assertThat(healthy).isInstanceOf(HealthVerdict.Healthy.class);
        assertThat(anyBody).isInstanceOf(HealthVerdict.Healthy.class);
        assertThat(down).isInstanceOf(HealthVerdict.Unhealthy.class);
        assertThat(down.describe()).isEqualTo("unhealthy (HTTP 503, expected 2xx, status unhealthy)");
    }

    @Test
    void givenIetfContract_whenBackendAnswersPassThenWarnThenFailWith503_thenHealthyDegradedUnhealthy() {
        probe = new HttpHealthProbe("/health", Executors.defaultThreadFactory(), new IetfHealthReader());
        HealthAcceptance acceptance = new HealthAcceptance(Set.of("database:responseTime"), false)
                .withExpectedService("orders");

        answer("/health", healthJson(200, ietf("pass", "pass")));
        HealthObservation pass = probe();
        answer("/health", healthJson(200, ietf("warn", "warn")));
        HealthVerdict warn = acceptance.evaluate(probe());
        answer("/health", healthJson(503, ietf("fail", "fail")));
        HealthVerdict fail = acceptance.evaluate(probe());

        assertThat(pass).isInstanceOfSatisfying(HealthReport.class, report -> {
            assertThat(report.service()).isEqualTo(Optional.of("orders"));
            assertThat(report.services()).isEqualTo(Map.of("database:responseTime", "healthy", "uptime", "healthy"));
        });
        assertThat(acceptance.evaluate(pass)).isInstanceOf(HealthVerdict.Healthy.class);
        assertThat(warn).isInstanceOf(HealthVerdict.Degraded.class);
        assertThat(warn.troubledServices()).isEqualTo(Map.of("database:responseTime", "degraded"));
        assertThat(fail).isInstanceOf(HealthVerdict.Unhealthy.class);
        assertThat(fail.describe()).isEqualTo("unhealthy (database:responseTime: unhealthy)");
    }

    @Test
    void givenSpringContract_whenBackendAnswersUpThenOutOfServiceWith503_thenHealthyThenUnhealthyNotUnreachable() {
        probe = new HttpHealthProbe("/actuator/health", Executors.defaultThreadFactory(),
                new SpringActuatorReader());
        HealthAcceptance acceptance = new HealthAcceptance(Set.of("db"), false);

        answer("/actuator/health", actuatorJson(200, spring("UP", "UP")));
        HealthVerdict up = acceptance.evaluate(probe());
        answer("/actuator/health", actuatorJson(200, spring("UP", "DOWN")));
        HealthVerdict componentDown = acceptance.evaluate(probe());
        answer("/actuator/health", actuatorJson(503, spring("OUT_OF_SERVICE", "UP")));
        HealthVerdict outOfService = acceptance.evaluate(probe());

        assertThat(up).isInstanceOf(HealthVerdict.Healthy.class);
        assertThat(componentDown.describe()).isEqualTo("unhealthy (db: unhealthy)");
        assertThat(outOfService).isInstanceOf(HealthVerdict.Unhealthy.class);
        assertThat(outOfService.describe()).isEqualTo("unhealthy (HTTP 503, status unhealthy)");
    }

    private static String ietf(String status, String database) {
        return """
                {"status": "%s", "version": "1", "serviceId": "orders",
                 "checks": {"database:responseTime": [{"componentId": "primary", "status": "pass"},
                                                      {"componentId": "replica", "status": "%s"}],
                            "uptime": [{"componentType": "system", "observedValue": 12.5, "status": "pass"}]}}
                """.formatted(status, database);
    }

    private static String spring(String status, String db) {
        return """
                {"status": "%s", "components": {"db": {"status": "%s", "details": {"database": "PostgreSQL"}},
                 "ping": {"status": "UP"}}}
                """.formatted(status, db);
    }

    private static ResponseDefinitionBuilder healthJson(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/health+json").withBody(body);
    }

    private static ResponseDefinitionBuilder actuatorJson(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/vnd.spring-boot.actuator.v3+json")
                .withBody(body);
    }

    private static void answer(String path, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlEqualTo(path)).willReturn(response));
    }

    private HealthObservation probe() {
        return probeAndWait(probe, new Endpoint("127.0.0.1", server.port()), CORRELATION_ID, PROBE_TIMEOUT);
    }
}
