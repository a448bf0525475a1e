package io.lifeline.adapter.http;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.port.out.HealthProbe;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Asks a backend over plain HTTP/1.1: {@code GET http://host:port/health} with the run's {@code X-Correlation-ID}.
 *
 * <p>The probe timeout bounds the whole exchange, connect, headers and body, and every outcome is a
 * {@link HealthObservation}: the returned stage never completes exceptionally. Redirects are not followed, no proxy
 * is used, and at most {@link #MAX_BODY_BYTES} of the body are read.
 *
 * <p>It uses {@link HttpURLConnection}, one blocking exchange per probe on its own thread: in a cold JVM its first
 * answer comes in about 40 ms, while the JDK's {@code HttpClient} needs about 350 ms to be built and send its first
 * request (it sets up TLS even for {@code http://}), all of it on the path to a start (docs/performance.md).
 */
public final class HttpHealthProbe implements HealthProbe, AutoCloseable {

    public static final String DEFAULT_PATH = "/health";
    /** Health bodies are small; anything larger is not a health answer and is not read to the end. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final String CORRELATION_HEADER = "X-Correlation-ID";

    private static final int MAX_LOCATION_CHARS = 200;

    private final String path;
    private final ExecutorService executor;
    private final HealthAnswerReader reader;

    /** Probes {@value #DEFAULT_PATH}, on threads of the JDK's default factory. */
    public HttpHealthProbe() {
        this(DEFAULT_PATH);
    }

    /** @param path the health path, starting with {@code /}, e.g. {@code /health} */
    public HttpHealthProbe(String path) {
        this(path, Executors.defaultThreadFactory());
    }

    /**
     * @param path    the health path, starting with {@code /}, e.g. {@code /health}
     * @param threads makes the threads that run the exchanges; the composition root passes named daemon threads
     */
    public HttpHealthProbe(String path, ThreadFactory threads) {
        this(path, threads, HealthAnswerReader.lifelineJson());
    }

    /**
     * @param path    the health path, starting with {@code /}, e.g. {@code /health}
     * @param threads makes the threads that run the exchanges
     * @param reader  reads the answer's format, e.g. {@link HealthAnswerReader#lifelineJson()}
     */
    public HttpHealthProbe(String path, ThreadFactory threads, HealthAnswerReader reader) {
        Objects.requireNonNull(path, "health path must not be null");
        Objects.requireNonNull(threads, "threads");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("health path must start with '/', was '" + path + "'");
        }
        this.path = path;
        this.reader = Objects.requireNonNull(reader, "reader");
        this.executor = Executors.newCachedThreadPool(threads);
        // The first real answer is on the path to connected: have the JSON parser built before it comes.
        executor.execute(JsonAnswer::warmUp);
    }

    /** Releases the probe's threads; probes after this are not supported. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public CompletionStage<HealthObservation> probe(Endpoint endpoint, CorrelationId correlationId, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint must not be null");
        Objects.requireNonNull(correlationId, "correlation id must not be null");
        Durations.requirePositive(timeout, "probe timeout");
        try {
            return exchange(endpoint, correlationId, timeout);
        } catch (RuntimeException | URISyntaxException unusable) {
            return CompletableFuture.completedFuture(ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR,
                    "cannot send a request to " + endpoint + ": " + unusable.getMessage()));
        }
    }

    static URI healthUri(Endpoint endpoint, String path) throws URISyntaxException {
        // This URI constructor puts brackets around an IPv6 literal host.
        return new URI("http", null, endpoint.host(), endpoint.port(), path, null, null);
    }

    private CompletableFuture<HealthObservation> exchange(Endpoint endpoint, CorrelationId correlationId,
                                                          Duration timeout) throws URISyntaxException {
        URI uri = healthUri(endpoint, path);
        Exchange exchange = new Exchange();
        CompletableFuture<HealthObservation> observation = CompletableFuture
                .supplyAsync(() -> exchange.run(uri, correlationId, endpoint, timeout), executor)
                // The connect and read timeouts bound each step; this bounds the whole, a slow or endless body too.
                .completeOnTimeout(TransportFailures.timeout(timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        // Not on the thread that completed it: after a timeout that is the JDK's one delay thread, and ending a
        // connection can wait for a reader that is still blocked.
        observation.whenCompleteAsync((decided, unused) -> exchange.finish(), this::runSomewhere);
        return observation;
    }

    private void runSomewhere(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closed) {
            task.run();
        }
    }

    private HealthObservation read(HttpURLConnection connection, Exchange exchange) throws IOException {
        int status = connection.getResponseCode();
        if (status < 0) {
            return ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR, "the answer is not HTTP");
        }
        if (status >= 300 && status < 400) {
            return redirect(status, connection.getHeaderField("Location"));
        }
        InputStream stream = exchange.adopt(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
        byte[] bytes = stream == null ? new byte[0] : stream.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            exchange.drop();
            return new ProbeFailure(ProbeFailure.Kind.TOO_LARGE, "health body exceeds 64 KiB", BodyPrefix.of(bytes));
        }
        return reader.read(status, bytes);
    }

    private static ProbeFailure redirect(int status, String location) {
        String target = location == null ? "redirect without a Location header"
                : "redirect to " + (location.length() > MAX_LOCATION_CHARS
                        ? location.substring(0, MAX_LOCATION_CHARS) + "..." : location);
        return ProbeFailure.of(ProbeFailure.Kind.ERROR_STATUS,
                "HTTP " + status + " " + target + " (redirects are not followed)");
    }

    /**
     * One probe's connection, ended exactly once by whoever finishes first: the exchange or the timeout. A body read
     * to its end gives the connection back for the next probe; anything else drops it, so no thread waits on a server
     * that never ends and no half-read answer is reused.
     */
    private final class Exchange {
        private HttpURLConnection connection;
        private InputStream body;
        private boolean complete;
        private boolean finished;

        HealthObservation run(URI uri, CorrelationId correlationId, Endpoint endpoint, Duration timeout) {
            HttpURLConnection opened = null;
            try {
                opened = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
                int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
                opened.setConnectTimeout(millis);
                opened.setReadTimeout(millis);
                opened.setInstanceFollowRedirects(false);
                opened.setUseCaches(false);
                opened.setRequestProperty(CORRELATION_HEADER, correlationId.value());
                opened.setRequestProperty("Accept", "application/json");
                if (!adopt(opened)) {
                    return TransportFailures.timeout(timeout);
                }
                opened.connect();
                if (isFinished()) {
                    // The timeout came while connecting, when ending the connection could not stop it.
                    return TransportFailures.timeout(timeout);
                }
                HealthObservation observation = read(opened, this);
                markComplete();
                return observation;
            } catch (IOException | RuntimeException broken) {
                return TransportFailures.classify(broken, endpoint, timeout);
            } finally {
                if (!finish() && opened != null) {
                    // The timeout won: whatever this thread still holds is not reused.
                    opened.disconnect();
                }
            }
        }

        private synchronized boolean adopt(HttpURLConnection opened) {
            connection = opened;
            return !finished;
        }

        synchronized InputStream adopt(InputStream stream) {
            body = stream;
            return stream;
        }

        private synchronized boolean isFinished() {
            return finished;
        }

        private synchronized void markComplete() {
            complete = true;
        }

        /** Drops the connection at once: a body over the limit is not read to its end. */
        void drop() {
            HttpURLConnection dropped;
            synchronized (this) {
                complete = false;
                finished = true;
                dropped = connection;
            }
            if (dropped != null) {
                dropped.disconnect();
            }
        }

        /**
         * Ends the exchange if nothing ended it yet: a body read to its end is closed, which gives the connection
         * back for the next probe; anything else is dropped. The I/O happens outside the lock.
         *
         * @return whether this call ended it
         */
        boolean finish() {
            InputStream toClose = null;
            HttpURLConnection toDrop = null;
            synchronized (this) {
                if (finished) {
                    return false;
                }
                finished = true;
                if (complete && body != null) {
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

        private void closeQuietly(InputStream stream) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // Nothing left to tell: the probe's outcome is already decided.
            }
        }
    }
}
