package io.lifeline.adapter.http;

import java.io.IOException;
import java.io.InputStream;
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
 * drips a byte at a time is cut off at the timeout like one that never comes. The connection is ended exactly once,
 * by whoever finishes first, the exchange or the deadline: a body read to its end gives the connection back for the
 * next exchange; anything else drops it, so no thread waits on a server that never ends and no half-read answer is
 * reused. The returned stage never completes exceptionally. Shared by the health probe and the ownership challenge,
 * so every request Lifeline sends a backend has the same deadline.
 *
 * @param <T> what the exchange makes of the answer
 */
final class BoundedExchange<T> {

    /** Reads the answer on the exchange's thread, handing a body read to its end to {@link #readToTheEnd}. */
    @FunctionalInterface
    interface Reading<T> {
        T read(HttpURLConnection connection, BoundedExchange<T> exchange) throws IOException;
    }

    private HttpURLConnection connection;
    private InputStream body;
    private boolean finished;

    private BoundedExchange() {
    }

    /**
     * Starts the exchange on {@code executor}.
     *
     * @param late    the outcome when the deadline comes first
     * @throws RejectedExecutionException when the executor takes no more work
     * @param failure the outcome of what the exchange threw
     */
    static <T> CompletableFuture<T> start(URI uri, Map<String, String> headers, Duration timeout, Executor executor,
                                          Reading<T> reading, T late, Function<Exception, T> failure) {
        BoundedExchange<T> exchange = new BoundedExchange<>();
        CompletableFuture<T> bounded = CompletableFuture
                .supplyAsync(() -> exchange.run(uri, headers, timeout, reading, late, failure), executor)
                .completeOnTimeout(late, timeout.toNanos(), TimeUnit.NANOSECONDS);
        // Not on the thread that completed it: after a timeout that is the JDK's one delay thread, and ending a
        // connection can wait for a reader that is still blocked.
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

    private T run(URI uri, Map<String, String> headers, Duration timeout, Reading<T> reading, T late,
                  Function<Exception, T> failure) {
        HttpURLConnection opened = null;
        try {
            opened = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            opened.setConnectTimeout(millis);
            opened.setReadTimeout(millis);
            opened.setInstanceFollowRedirects(false);
            opened.setUseCaches(false);
            headers.forEach(opened::setRequestProperty);
            opened.connect();
            if (!adopt(opened)) {
                // The deadline came while connecting (the connect timeout bounds that): no request goes out.
                return late;
            }
            return reading.read(opened, this);
        } catch (IOException | RuntimeException broken) {
            return failure.apply(broken);
        } finally {
            if (!finish() && opened != null) {
                // The deadline won: whatever this thread still holds is not reused.
                opened.disconnect();
            }
        }
    }

    /** @return whether the exchange may go on: the deadline has not ended it */
    private synchronized boolean adopt(HttpURLConnection opened) {
        connection = opened;
        return !finished;
    }

    /**
     * Hands over a body stream the reading read to its end: when the exchange completes it is closed, which gives the
     * connection back for the next exchange. A connection without one (no body read, or not all of it) is dropped.
     */
    synchronized void readToTheEnd(InputStream stream) {
        body = stream;
    }

    /**
     * Ends the exchange if nothing ended it yet: a body read to its end is closed, which gives the connection back
     * for the next exchange; anything else is dropped. The I/O happens outside the lock.
     *
     * @return whether this call ended it
     */
    private boolean finish() {
        InputStream toClose = null;
        HttpURLConnection toDrop = null;
        synchronized (this) {
            if (finished) {
                return false;
            }
            finished = true;
            if (body != null) {
                toClose = body;
            } else {
                toDrop = connection;
            }
        }
        if (toClose != null) {
            closeQuietly(toClose);
        } else if (toDrop != null) {
            toDrop.disconnect();
        }
        return true;
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // Nothing left to tell: the outcome is already decided.
        }
    }
}
