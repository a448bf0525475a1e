package io.lifeline.adapter.http;

import com.sun.net.httpserver.HttpServer;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Another answer format is one {@link HealthAnswerReader}: the probe hands it the status and the body it read. */
class HealthAnswerReaderTest {

    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void givenAReaderForAnotherFormat_whenProbing_thenItReadsTheStatusAndBodyTheProbeGot() throws Exception {
        List<String> seen = new ArrayList<>();
        HealthAnswerReader upMeansHealthy = (status, body) -> {
            seen.add(status + " " + new String(body, StandardCharsets.UTF_8));
            return HealthReport.of("healthy", Map.of());
        };
        HealthObservation observation;
        try (HttpHealthProbe probe = new HttpHealthProbe("/actuator/health", Executors.defaultThreadFactory(),
                upMeansHealthy)) {
            observation = probe.probe(new Endpoint("127.0.0.1", server.getAddress().getPort()),
                    new CorrelationId("backend-startup-1"), Duration.ofSeconds(5)).toCompletableFuture().get();
        }

        assertThat(seen).containsExactly("200 {\"status\":\"UP\"}");
        assertThat(observation).isEqualTo(HealthReport.of("healthy", Map.of()));
    }

    @Test
    void givenTheDefaultReader_thenItIsLifelinesJson() {
        HealthObservation observation = HealthAnswerReader.lifelineJson().read(200,
                "{\"status\":\"healthy\",\"services\":{}}".getBytes(StandardCharsets.UTF_8));

        assertThat(observation).isInstanceOf(HealthReport.class);
        assertThat(((HealthReport) observation).status()).isEqualTo("healthy");
    }
}
