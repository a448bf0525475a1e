package io.lifeline.adapter.http;

import io.lifeline.domain.model.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

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

    @Test
    void givenAnAnswerNotReadToItsEnd_whenTheExchangeReturns_thenItHasDroppedTheConnectionItself() throws Exception {
        // Work handed to the executor after the exchange itself is held back: only the exchange can drop it.
        try (ScriptedServer endless = new ScriptedServer(ScriptedServer.dripping(Duration.ofMillis(5),
                request -> "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n" + "x".repeat(2_000)))) {
            CompletableFuture<String> outcome = exchange(new Endpoint("127.0.0.1", endless.port()),
                    Duration.ofSeconds(3), firstOnItsOwnThreadThen(task -> { }));

            assertThat(outcome).succeedsWithin(BOUND).isEqualTo("HTTP 200");
            assertThat(endless.awaitClientDropped(Duration.ofSeconds(2))).as("dropped by the exchange").isTrue();
        }
    }

    @Test
    void givenAnExecutorThatTakesNoMoreWork_whenTheDeadlineComes_thenTheConnectionIsDroppedAllTheSame()
            throws Exception {
        try (ScriptedServer dripping = new ScriptedServer(ScriptedServer.dripping(Duration.ofMillis(100),
                request -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"))) {
            CompletableFuture<String> outcome = exchange(new Endpoint("127.0.0.1", dripping.port()), TIMEOUT,
                    firstOnItsOwnThreadThen(task -> {
                        throw new RejectedExecutionException("shut down");
                    }));

            assertThat(outcome).succeedsWithin(BOUND).isEqualTo("late");
            assertThat(dripping.awaitClientDropped(Duration.ofSeconds(3))).as("dropped at the deadline").isTrue();
        }
    }

    @Test
    void givenAReadingThatFailsWithAnError_whenExchanging_thenTheStageHasTheFailureOutcomeAndTheConnectionIsClosed()
            throws Exception {
        try (ScriptedServer answering = new ScriptedServer(ScriptedServer.endlessAfter(
                "HTTP/1.1 200 OK\r\n\r\n", "x"))) {
            CompletableFuture<String> outcome = BoundedExchange.start(new Endpoint("127.0.0.1", answering.port()),
                    "/health", Map.of(), TIMEOUT, ON_THE_CALLERS_THREAD, get -> {
                        get.head();
                        throw new StackOverflowError("deep");
                    }, "late", broken -> "failed: " + broken);

            assertThat(outcome).succeedsWithin(BOUND).isEqualTo("failed: java.lang.StackOverflowError: deep");
            assertThat(answering.awaitClientDropped(Duration.ofSeconds(2))).as("closed by the exchange").isTrue();
        }
    }

    /** Runs the first task (the exchange) on a thread of its own and hands every later one to {@code later}. */
    private static Executor firstOnItsOwnThreadThen(Executor later) {
        AtomicBoolean first = new AtomicBoolean(true);
        return task -> {
            if (first.getAndSet(false)) {
                Thread exchange = new Thread(task, "bounded-exchange-test");
                exchange.setDaemon(true);
                exchange.start();
            } else {
                later.execute(task);
            }
        };
    }

    private static CompletableFuture<String> exchange(Endpoint endpoint) {
        return exchange(endpoint, TIMEOUT, ON_THE_CALLERS_THREAD);
    }

    /** An exchange that reads the status line and headers only, never the body. */
    private static CompletableFuture<String> exchange(Endpoint endpoint, Duration timeout, Executor executor) {
        return BoundedExchange.start(new Endpoint("127.0.0.1", endpoint.port()), "/health", Map.of(), timeout,
                executor, get -> "HTTP " + get.head().status(), "late", broken -> "failed: " + broken);
    }
}
