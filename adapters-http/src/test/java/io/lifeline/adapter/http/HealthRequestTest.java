package io.lifeline.adapter.http;

import com.sun.net.httpserver.HttpServer;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One value shapes both HTTP callers of a backend: the health probe and the ownership challenge. */
class HealthRequestTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void givenARequestWithAHeader_whenProbingAndChallenging_thenBothAskItsPathWithThatHeader() throws Exception {
        Endpoint endpoint = serve("/api/health");
        HealthRequest request = HealthRequest.at("/api/health").withHeader("User-Agent", "lifeline-walkthrough/1");

        try (HttpHealthProbe probe = new HttpHealthProbe(request, Executors.defaultThreadFactory(),
                HealthAnswerReader.lifelineJson());
             HmacOwnershipChallenge challenge = new HmacOwnershipChallenge(request, TIMEOUT,
                     Executors.defaultThreadFactory())) {
            probe.probe(endpoint, new CorrelationId("backend-startup-1"), TIMEOUT).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            challenge.ask(endpoint, "secret").toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        assertThat(received).containsExactly("GET /api/health lifeline-walkthrough/1",
                "GET /api/health lifeline-walkthrough/1");
    }

    @Test
    void givenAHeaderLifelineSetsItselfOrAValueWithALineBreak_whenCreating_thenRefused() {
        assertThatThrownBy(() -> HealthRequest.DEFAULT.withHeader("x-correlation-id", "forged"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the header x-correlation-id is Lifeline's own");
        assertThatThrownBy(() -> HealthRequest.DEFAULT.withHeader("X-Lifeline-Challenge", "forged"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HealthRequest.DEFAULT.withHeader("User-Agent", "a\r\nX-Forged: yes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the value of the header User-Agent has a line break in it");
        assertThatThrownBy(() -> HealthRequest.DEFAULT.withHeader("User Agent", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'User Agent' is not a header name");
        assertThatThrownBy(() -> HealthRequest.at("health")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("health path must start with '/', was 'health'");
    }

    private Endpoint serve(String path) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("User-Agent"));
            byte[] body = "{\"status\":\"healthy\",\"services\":{}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(body);
            }
        });
        server.start();
        return new Endpoint("127.0.0.1", server.getAddress().getPort());
    }
}
