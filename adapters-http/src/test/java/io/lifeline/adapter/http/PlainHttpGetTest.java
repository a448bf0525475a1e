package io.lifeline.adapter.http;

import io.lifeline.domain.model.Endpoint;
import org.junit.jupiter.api.Test;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The socket client's own promises, below the probe: request line and headers, the deadline, close. */
class PlainHttpGetTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration BOUND = Duration.ofSeconds(4);

    @Test
    void givenARequestHeaderWithALineBreak_whenSending_thenRefusedBeforeAnythingIsSent() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(ScriptedServer.silence());
             PlainHttpGet get = new PlainHttpGet(TIMEOUT);
             PlainHttpGet other = new PlainHttpGet(TIMEOUT)) {
            Endpoint endpoint = new Endpoint("127.0.0.1", silent.port());

            assertThatThrownBy(() -> get.send(endpoint, "/health", Map.of("X-A", "\r\nX-Injected: b")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-A");
            assertThatThrownBy(() -> other.send(endpoint, "/health", Map.of("\nX-A", "a")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void givenAnAnswer_whenReadingItsHeadTwice_thenTheSameHeadAndTheRequestWasPlainHttp11() throws Exception {
        StringBuilder request = new StringBuilder();
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.dripping(Duration.ZERO, head -> {
            request.append(head);
            return "HTTP/1.1 200 OK\r\nX-Seen: yes\r\nno colon here\r\n: empty name\r\n\r\n";
        })); PlainHttpGet get = new PlainHttpGet(TIMEOUT)) {
            get.send(new Endpoint("127.0.0.1", server.port()), "/a%20b", Map.of("X-Correlation-ID", "c-1"));

            HttpAnswer head = get.head();

            assertThat(get.head()).isSameAs(head);
            assertThat(head.headers()).containsOnlyKeys("X-Seen");
            assertThat(request.toString()).isEqualTo("GET /a%20b HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nConnection: close\r\nX-Correlation-ID: c-1\r\n\r\n");
        }
    }

    @Test
    void givenTheDeadlineHasPassed_whenReading_thenATimeoutAtOnce() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(ScriptedServer.silence());
             PlainHttpGet get = new PlainHttpGet(Duration.ofMillis(200))) {
            get.send(new Endpoint("127.0.0.1", silent.port()), "/health", Map.of());

            assertThatThrownBy(() -> assertTimeoutPreemptively(BOUND, get::head))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThatThrownBy(get::head).as("no time left: no wait")
                    .isInstanceOf(SocketTimeoutException.class).hasMessage("the exchange's deadline has passed");
        }
    }

    @Test
    void givenAReadUnderWay_whenClosedFromAnotherThread_thenTheReadFailsAtOnce() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(ScriptedServer.silence());
             PlainHttpGet get = new PlainHttpGet(Duration.ofMinutes(1))) {
            get.send(new Endpoint("127.0.0.1", silent.port()), "/health", Map.of());
            Thread closer = new Thread(get::close, "closer");

            closer.start();
            assertThatThrownBy(() -> assertTimeoutPreemptively(BOUND, get::head))
                    .isInstanceOf(SocketException.class);
            closer.join();
            assertThat(silent.awaitClientDropped(BOUND)).isTrue();
        }
    }
}
