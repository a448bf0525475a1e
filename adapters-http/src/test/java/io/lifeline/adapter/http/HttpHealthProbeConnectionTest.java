package io.lifeline.adapter.http;

import com.sun.net.httpserver.HttpServer;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.ProbeFailure;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.CacheRequest;
import java.net.CacheResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ResponseCache;
import java.net.ServerSocket;
import java.net.Socket;
import java.io.IOException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.lifeline.adapter.http.HttpHealthProbeTest.assertFailure;
import static io.lifeline.adapter.http.HttpHealthProbeTest.assertKind;
import static io.lifeline.adapter.http.ProbeRuns.probeAndWait;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Probes against a closed port and against servers that misbehave below HTTP. */
class HttpHealthProbeConnectionTest {

    private static final CorrelationId CORRELATION_ID = new CorrelationId("backend-startup-1700000000000");
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    private final HttpHealthProbe probe = new HttpHealthProbe();

    @Test
    void givenNothingListens_whenProbing_thenConnectionRefusedInsteadOfATimeout() throws Exception {
        Endpoint closed = new Endpoint("127.0.0.1", freePort());

        HealthObservation observation = probeAndWait(probe, closed, CORRELATION_ID, Duration.ofSeconds(5));

        assertFailure(observation, ProbeFailure.Kind.CONNECTION_REFUSED, "connection refused by " + closed);
    }

    @Test
    void givenServerThatAcceptsButNeverAnswers_whenProbing_thenTimeout() throws Exception {
        // The server stays silent for ScriptedServer.MAX_SCRIPT_TIME (5 s) and then hangs up: only a probe that
        // gives up at its own timeout sees a TIMEOUT, one that waits on sees a broken connection.
        try (ScriptedServer silent = new ScriptedServer(ScriptedServer.silence())) {
            HealthObservation observation = probeAndWait(probe, new Endpoint("127.0.0.1", silent.port()),
                    CORRELATION_ID, SHORT_TIMEOUT);

            assertFailure(observation, ProbeFailure.Kind.TIMEOUT, "no answer within 300ms");
        }
    }

    @Test
    void givenEndlessTricklingBody_whenProbing_thenTimeoutAndTheConnectionIsDropped() throws Exception {
        try (ScriptedServer endless = new ScriptedServer(ScriptedServer.endlessChunkedBody(Duration.ofMillis(20)))) {
            HealthObservation observation = probeAndWait(probe, new Endpoint("127.0.0.1", endless.port()),
                    CORRELATION_ID, SHORT_TIMEOUT);

            assertFailure(observation, ProbeFailure.Kind.TIMEOUT, "no answer within 300ms");
            assertThat(endless.awaitClientDropped(Duration.ofSeconds(3)))
                    .as("the probe closes the connection instead of reading on").isTrue();
        }
    }

    @Test
    void givenBodyFarOverTheLimit_whenProbing_thenTooLargeAndTheConnectionIsDroppedBeforeTheEnd() throws Exception {
        // 256 MiB announced and sent as fast as the client reads: reading it all would end the script normally.
        try (ScriptedServer huge = new ScriptedServer(ScriptedServer.hugeBody(256L * 1024 * 1024))) {
            HealthObservation observation = probeAndWait(probe, new Endpoint("127.0.0.1", huge.port()),
                    CORRELATION_ID, Duration.ofSeconds(5));

            assertFailure(observation, ProbeFailure.Kind.TOO_LARGE, "health body exceeds 64 KiB");
            assertThat(huge.awaitClientDropped(Duration.ofSeconds(5)))
                    .as("the probe stops reading at the limit and closes the connection").isTrue();
        }
    }

    @Test
    void givenIpv6LiteralHost_whenBuildingTheUri_thenTheHostIsBracketed() throws Exception {
        assertThat(HttpHealthProbe.healthUri(new Endpoint("::1", 8123), "/health"))
                .hasToString("http://[::1]:8123/health");
        assertThat(HttpHealthProbe.healthUri(new Endpoint("localhost", 8123), "/health"))
                .hasToString("http://localhost:8123/health");
    }

    @Test
    void givenHostThatCannotBeInAUrl_whenProbing_thenConnectionErrorInsteadOfAnException() {
        HealthObservation observation = probeAndWait(probe, new Endpoint("bad host", 8123), CORRELATION_ID,
                SHORT_TIMEOUT);

        assertThat(assertKind(observation, ProbeFailure.Kind.CONNECTION_ERROR).detail())
                .startsWith("cannot send a request to bad host:8123");
    }

    @Test
    void givenPathWithoutLeadingSlash_whenCreatingTheProbe_thenRejected() {
        assertThatThrownBy(() -> new HttpHealthProbe("health"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with '/'");
    }

    @Test
    void givenHeadersThatDripAByteEvery100ms_whenProbing_thenTimeoutAtTheDeadlineAndTheConnectionIsDropped()
            throws Exception {
        // Every read gets a byte well within the read timeout: only the deadline over the whole exchange ends it.
        try (ScriptedServer dripping = new ScriptedServer(ScriptedServer.dripping(Duration.ofMillis(100),
                request -> "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"))) {
            long started = System.nanoTime();

            HealthObservation observation = probeAndWait(probe, new Endpoint("127.0.0.1", dripping.port()),
                    CORRELATION_ID, SHORT_TIMEOUT);

            assertFailure(observation, ProbeFailure.Kind.TIMEOUT, "no answer within 300ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SHORT_TIMEOUT.multipliedBy(5));
            assertThat(dripping.awaitClientDropped(Duration.ofSeconds(3)))
                    .as("the probe closes the connection at its deadline").isTrue();
        }
    }

    @Test
    void givenTheProbeClosedWhileAnExchangeIsUnderWay_whenTheDeadlineComes_thenItsConnectionIsStillDropped()
            throws Exception {
        HttpHealthProbe closing = new HttpHealthProbe();
        try (ScriptedServer dripping = new ScriptedServer(ScriptedServer.dripping(Duration.ofMillis(100),
                request -> "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"))) {
            var observation = closing.probe(new Endpoint("127.0.0.1", dripping.port()), CORRELATION_ID, SHORT_TIMEOUT)
                    .toCompletableFuture();

            closing.close();

            assertThat(observation).succeedsWithin(Duration.ofSeconds(5)).isInstanceOf(ProbeFailure.class);
            assertThat(dripping.awaitClientDropped(Duration.ofSeconds(3)))
                    .as("the connection is dropped at the deadline though the probe's threads are gone").isTrue();
        }
    }

    @Test
    void givenAResponseCacheInTheJvm_whenProbing_thenItNeverAnswersForTheBackend() throws Exception {
        ResponseCache before = ResponseCache.getDefault();
        ResponseCache.setDefault(new ResponseCache() {
            @Override
            public CacheResponse get(URI uri, String method, Map<String, List<String>> headers) {
                return new CacheResponse() {
                    @Override
                    public Map<String, List<String>> getHeaders() {
                        return Map.of("", List.of("HTTP/1.1 200 OK"), "Content-Type", List.of("application/json"));
                    }

                    @Override
                    public InputStream getBody() {
                        return new ByteArrayInputStream(HealthBodies.minimal("healthy")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                };
            }

            @Override
            public CacheRequest put(URI uri, URLConnection connection) {
                return null;
            }
        });
        try {
            Endpoint closed = new Endpoint("127.0.0.1", freePort());

            HealthObservation observation = probeAndWait(probe, closed, CORRELATION_ID, Duration.ofSeconds(2));

            assertFailure(observation, ProbeFailure.Kind.CONNECTION_REFUSED, "connection refused by " + closed);
        } finally {
            ResponseCache.setDefault(before);
        }
    }

    @Test
    void givenAnAnswerThatIsNotHttp_whenProbing_thenConnectionErrorSayingSo() throws Exception {
        try (ScriptedServer ssh = new ScriptedServer(ScriptedServer.dripping(Duration.ZERO,
                request -> "SSH-2.0-OpenSSH_9.6\r\n"))) {
            HealthObservation observation = probeAndWait(probe, new Endpoint("127.0.0.1", ssh.port()),
                    CORRELATION_ID, Duration.ofSeconds(2));

            assertFailure(observation, ProbeFailure.Kind.CONNECTION_ERROR, "the answer is not HTTP");
        }
    }

    @Test
    void givenAKeepAliveBackend_whenProbingAgain_thenEveryProbeOpensAConnectionOfItsOwnAndAsksToCloseIt()
            throws Exception {
        // A reused connection would let whoever answered once go on answering for the port (the next test).
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        List<String> connectionHeaders = new CopyOnWriteArrayList<>();
        byte[] healthy = HealthBodies.minimal("healthy").getBytes(StandardCharsets.UTF_8);
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/health", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            connectionHeaders.add(exchange.getRequestHeaders().getFirst("Connection"));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Keep-Alive", "timeout=600");
            exchange.sendResponseHeaders(clientPorts.size() == 2 ? 503 : 200, healthy.length);
            try (var out = exchange.getResponseBody()) {
                out.write(healthy);
            }
        });
        backend.start();
        try {
            Endpoint endpoint = new Endpoint("127.0.0.1", backend.getAddress().getPort());
            for (int probeNumber = 1; probeNumber <= 3; probeNumber++) {
                assertThat(probeAndWait(probe, endpoint, CORRELATION_ID, Duration.ofSeconds(2)))
                        .isInstanceOf(HealthReport.class);
            }

            assertThat(clientPorts).as("three probes, three connections").hasSize(3).doesNotHaveDuplicates();
            assertThat(connectionHeaders).containsOnly("close");
        } finally {
            backend.stop(0);
        }
    }

    @Test
    void givenASquatterThatKeepsItsConnectionAfterLeavingThePort_whenTheBackendBindsIt_thenTheNextProbeAsksTheBackend()
            throws Exception {
        // Both with address reuse, as uvicorn binds: a connection left on the port does not keep the backend off it.
        ServerSocket squatterListener = new ServerSocket();
        squatterListener.setReuseAddress(true);
        squatterListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = squatterListener.getLocalPort();
        Endpoint endpoint = new Endpoint("127.0.0.1", port);
        try (KeepAliveServer squatter = new KeepAliveServer(squatterListener, "squatter")) {
            assertThat(probeAndWait(probe, endpoint, CORRELATION_ID, Duration.ofSeconds(2)))
                    .isInstanceOfSatisfying(HealthReport.class,
                            report -> assertThat(report.service()).contains("squatter"));
            // The squatter leaves the port but keeps the connection it answered on, ready to answer again.
            squatter.stopListening();
            ServerSocket backendListener = new ServerSocket();
            backendListener.setReuseAddress(true);
            backendListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            try (KeepAliveServer backend = new KeepAliveServer(backendListener, "backend")) {
                HealthObservation next = probeAndWait(probe, endpoint, CORRELATION_ID, Duration.ofSeconds(2));

                assertThat(next).isInstanceOfSatisfying(HealthReport.class,
                        report -> assertThat(report.service()).as("answered by").contains("backend"));
                assertThat(squatter.answered()).as("the squatter answered the first probe only").isEqualTo(1);
            }
        }
    }

    /** Answers every request on every connection it accepts with a healthy body naming {@code service}, kept alive. */
    private static final class KeepAliveServer implements AutoCloseable {
        private final ServerSocket listener;
        private final List<Socket> connections = new CopyOnWriteArrayList<>();
        private final AtomicInteger answered = new AtomicInteger();
        private final Thread acceptor;

        KeepAliveServer(ServerSocket listener, String service) {
            this.listener = listener;
            byte[] body = ("{\"status\": \"healthy\", \"service\": \"" + service
                    + "\", \"services\": {\"database\": \"healthy\"}}").getBytes(StandardCharsets.UTF_8);
            byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: keep-alive\r\n"
                    + "Keep-Alive: timeout=600\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket connection = listener.accept();
                        connections.add(connection);
                        Thread serving = new Thread(() -> serve(connection, head, body), "keep-alive-server");
                        serving.setDaemon(true);
                        serving.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "keep-alive-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void serve(Socket connection, byte[] head, byte[] body) {
            long deadline = System.nanoTime() + ScriptedServer.MAX_SCRIPT_TIME.toNanos();
            try {
                while (System.nanoTime() < deadline && ScriptedServer.head(connection.getInputStream())
                        .endsWith("\r\n\r\n")) {
                    answered.incrementAndGet();
                    connection.getOutputStream().write(head);
                    connection.getOutputStream().write(body);
                    connection.getOutputStream().flush();
                }
            } catch (IOException dropped) {
                // The client went away: nothing more to answer.
            }
        }

        /**
         * Closes the listener and waits for the accepting thread to leave: only then is the listening socket really
         * gone (a close while another thread is in accept only marks it), so that the port can be bound again.
         */
        void stopListening() throws IOException, InterruptedException {
            listener.close();
            acceptor.join(ScriptedServer.MAX_SCRIPT_TIME.toMillis());
        }

        int answered() {
            return answered.get();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket connection : connections) {
                connection.close();
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
