package io.lifeline.adapter.http;

import io.lifeline.domain.model.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The steps of one exchange run on the caller's thread, without the deadline around them (a direct executor completes
 * the exchange before the deadline is set): each step must still give up at the timeout on its own, so that the
 * exchange's thread is free when the deadline has decided.
 */
class BoundedExchangeTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    /** Far above the timeout, far below what a step without its own bound would take (minutes, or forever). */
    private static final Duration BOUND = Duration.ofSeconds(4);
    private static final Executor ON_THE_CALLERS_THREAD = Runnable::run;

    private final TcpListeners listeners = new TcpListeners();

    @AfterEach
    void close() throws Exception {
        listeners.close();
    }

    @Test
    void givenAListenerThatNeverAccepts_whenConnecting_thenTheConnectGivesUpAtTheTimeout() {
        Endpoint stuck = listeners.neverAccepting();

        String outcome = assertTimeoutPreemptively(BOUND, () -> exchange(stuck).join());

        assertThat(outcome).startsWith("failed: java.net.SocketTimeoutException");
    }

    @Test
    void givenAServerThatNeverAnswers_whenReading_thenTheReadGivesUpAtTheTimeout() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(ScriptedServer.silence())) {
            String outcome = assertTimeoutPreemptively(BOUND,
                    () -> exchange(new Endpoint("127.0.0.1", silent.port())).join());

            assertThat(outcome).startsWith("failed: java.net.SocketTimeoutException");
        }
    }

    private static CompletableFuture<String> exchange(Endpoint endpoint) {
        return BoundedExchange.start(URI.create("http://127.0.0.1:" + endpoint.port() + "/health"), Map.of(), TIMEOUT,
                ON_THE_CALLERS_THREAD, (connection, exchange) -> "HTTP " + connection.getResponseCode(), "late",
                broken -> "failed: " + broken);
    }
}
