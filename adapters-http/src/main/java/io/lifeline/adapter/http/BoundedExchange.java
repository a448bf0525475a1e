package io.lifeline.adapter.http;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One {@code GET} over {@link HttpURLConnection} whose whole exchange, connect, headers and body together, is bounded
 * by one timeout: the connect and read timeouts bound each step, and a deadline bounds the whole, so an answer that
 * drips a byte at a time is cut off at the timeout like one that never comes. The connection is ended once, when
 * the outcome is decided, by the exchange or the deadline: an answer read to its end gives the connection back for
 * the next exchange; anything else drops it, so no thread of ours waits on a server that never ends and no half-read
 * answer is reused (the JDK may still drain a short rest of an answer on its own keep-alive thread, within its own
 * limits, to reuse the connection). The returned stage never completes exceptionally. Shared by the health probe and the ownership challenge,
 * so every request Lifeline sends a backend has the same deadline.
 *
 * @param <T> what the exchange makes of the answer
 */
final class BoundedExchange<T> {

    /** Reads the answer on the exchange's thread, telling {@link #readToTheEnd()} when it read all of it. */
    @FunctionalInterface
    interface Reading<T> {
        T read(HttpURLConnection connection, BoundedExchange<T> exchange) throws IOException;
    }

    private HttpURLConnection connection;
    private boolean readToTheEnd;
    private boolean finished;

    private BoundedExchange() {
    }

    /**
     * Starts the exchange on {@code executor}.
     *
     * @param late    the outcome when the deadline comes first
     * @param failure the outcome of what the exchange threw
     * @throws RejectedExecutionException when the executor takes no more work
     */
    static <T> CompletableFuture<T> start(URI uri, Map<String, String> headers, Duration timeout, Executor executor,
                                          Reading<T> reading, T late, Function<Exception, T> failure) {
        BoundedExchange<T> exchange = new BoundedExchange<>();
        CompletableFuture<T> bounded = CompletableFuture.supplyAsync(() -> {
            T outcome;
            try {
                outcome = exchange.run(uri, headers, timeout, reading, late);
            } catch (IOException | RuntimeException broken) {
                outcome = failure.apply(broken);
            }
            // Before the outcome is out: the next exchange must not be handed a connection this one drops.
            exchange.finish();
            return outcome;
        }, executor).completeOnTimeout(late, timeout.toNanos(), TimeUnit.NANOSECONDS);
        // When the deadline decided it. Not on the thread that completed it: that is the JDK's one delay thread, and
        // ending a connection can wait for a reader that is still blocked.
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

    private T run(URI uri, Map<String, String> headers, Duration timeout, Reading<T> reading, T late)
            throws IOException {
        HttpURLConnection opened = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        // Each step has its own bound too, so that the exchange's thread is free at the timeout whatever a step does.
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        opened.setConnectTimeout(millis);
        opened.setReadTimeout(millis);
        opened.setInstanceFollowRedirects(false);
        opened.setUseCaches(false);
        headers.forEach(opened::setRequestProperty);
        adopt(opened);
        opened.connect();
        if (isFinished()) {
            // The deadline came while connecting, when ending the connection could not stop it: no request goes out.
            opened.disconnect();
            return late;
        }
        return reading.read(opened, this);
    }

    private synchronized void adopt(HttpURLConnection opened) {
        connection = opened;
    }

    private synchronized boolean isFinished() {
        return finished;
    }

    /**
     * Tells that the answer was read to its end: the connection has gone back for the next exchange, and is not
     * dropped. A connection whose answer was not read to its end (no body read, or not all of it) is dropped.
     */
    synchronized void readToTheEnd() {
        readToTheEnd = true;
    }

    /** Ends the exchange once: drops the connection unless its answer was read to its end. */
    private void finish() {
        HttpURLConnection toDrop;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            toDrop = readToTheEnd ? null : connection;
        }
        if (toDrop != null) {
            toDrop.disconnect();
        }
    }
}
