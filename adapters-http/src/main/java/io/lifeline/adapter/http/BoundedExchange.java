package io.lifeline.adapter.http;

import io.lifeline.domain.model.Endpoint;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One {@code GET} over a {@link PlainHttpGet socket of its own} whose whole exchange, connect, headers and body
 * together, is bounded by one timeout: the deadline decides the outcome and closes the socket, which ends any step
 * under way, and each step also gives up on its own just after it; so an answer that drips a byte at a time is cut
 * off at the timeout like one that never comes. The socket is closed once, when the outcome is decided, by the
 * exchange or the deadline: no connection is ever reused (a squatter that answered once cannot go on answering for
 * the port) and no thread reads on after the outcome. The returned stage never completes exceptionally. Shared by the
 * health probe and the ownership challenge, so every request Lifeline sends a backend has the same deadline.
 *
 * @param <T> what the exchange makes of the answer
 */
final class BoundedExchange<T> {

    /** Reads the answer, as much of it as it needs, on the exchange's thread. */
    @FunctionalInterface
    interface Reading<T> {
        T read(PlainHttpGet answer) throws IOException;
    }

    /**
     * How long after the deadline a step of the exchange gives up on its own. The deadline decides the outcome and
     * closes the socket; the steps' own bound is the backstop, and a little later so that it does not race the deadline.
     */
    static final Duration STEP_GRACE = Duration.ofMillis(250);

    private PlainHttpGet get;
    private boolean finished;

    private BoundedExchange() {
    }

    /**
     * Starts the exchange on {@code executor}.
     *
     * @param path    the request's path, already encoded
     * @param late    the outcome when the deadline comes first
     * @param failure the outcome of what the exchange threw
     * @throws RejectedExecutionException when the executor takes no more work
     */
    static <T> CompletableFuture<T> start(Endpoint endpoint, String path, Map<String, String> headers,
                                          Duration timeout, Executor executor, Reading<T> reading, T late,
                                          Function<Throwable, T> failure) {
        BoundedExchange<T> exchange = new BoundedExchange<>();
        CompletableFuture<T> bounded = CompletableFuture.supplyAsync(() -> {
            try {
                return exchange.run(endpoint, path, headers, timeout, reading);
            } catch (Throwable broken) {
                // Never exceptionally: with every byte capped no answer can exhaust memory, but an error from
                // elsewhere (another thread filling the heap) must not break the stage's contract either.
                return failure.apply(broken);
            } finally {
                // Before the outcome is out: nothing of this exchange outlives it.
                exchange.finish();
            }
        }, executor).completeOnTimeout(late, timeout.toNanos(), TimeUnit.NANOSECONDS);
        // When the deadline decided it. Not on the thread that completed it: that is the JDK's one delay thread.
        bounded.whenCompleteAsync((decided, unused) -> exchange.finish(), task -> runSomewhere(executor, task));
        return bounded;
    }

    private static void runSomewhere(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closed) {
            task.run();
        }
    }

    private T run(Endpoint endpoint, String path, Map<String, String> headers, Duration timeout, Reading<T> reading)
            throws IOException {
        PlainHttpGet opened = new PlainHttpGet(timeout.plus(STEP_GRACE));
        adopt(opened);
        opened.send(endpoint, path, headers);
        return reading.read(opened);
    }

    /** Makes {@code opened} the one {@link #finish()} closes; closes it at once when the deadline has already come. */
    private void adopt(PlainHttpGet opened) {
        boolean late;
        synchronized (this) {
            get = opened;
            late = finished;
        }
        if (late) {
            opened.close();
        }
    }

    /** Ends the exchange once: closes its socket, which makes a blocked connect or read fail at once. */
    private void finish() {
        PlainHttpGet toClose;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            toClose = get;
        }
        if (toClose != null) {
            toClose.close();
        }
    }
}
