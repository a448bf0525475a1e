package io.lifeline.adapter.http;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.port.out.HealthProbe;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Asks a backend over plain HTTP/1.1: {@code GET http://host:port/health} with the run's {@code X-Correlation-ID}.
 *
 * <p>The probe timeout bounds the whole exchange, connect, headers and body, and every outcome is a
 * {@link HealthObservation}: the returned stage never completes exceptionally. Redirects are not followed, no proxy
 * is used, and at most {@link #MAX_BODY_BYTES} of the body are read.
 */
public final class HttpHealthProbe implements HealthProbe, AutoCloseable {

    public static final String DEFAULT_PATH = "/health";
    /** Health bodies are small; anything larger is not a health answer and is not read to the end. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final String CORRELATION_HEADER = "X-Correlation-ID";

    private static final int MAX_LOCATION_CHARS = 200;

    private final String path;
    private final ExecutorService executor;
    private final HttpClient client;
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
     * @param threads makes the threads that run the client and read bodies; the composition root passes named daemon
     *                threads
     */
    public HttpHealthProbe(String path, ThreadFactory threads) {
        this(path, threads, HealthAnswerReader.lifelineJson());
    }

    /**
     * @param path    the health path, starting with {@code /}, e.g. {@code /health}
     * @param threads makes the threads that run the client and read bodies
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
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .executor(executor)
                .build();
    }

    /** Releases the client's threads; probes after this are not supported. */
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
        HttpRequest request = HttpRequest.newBuilder(healthUri(endpoint, path))
                .GET()
                .timeout(timeout)
                .header(CORRELATION_HEADER, correlationId.value())
                .header("Accept", "application/json")
                .build();
        ResponseBody body = new ResponseBody();
        CompletableFuture<HttpResponse<InputStream>> response =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<HealthObservation> observation = response
                .thenApplyAsync(answer -> read(answer, body, endpoint, timeout), executor)
                .exceptionally(error -> TransportFailures.classify(error, endpoint, timeout))
                // HttpRequest.timeout stops at the headers; this also bounds a slow or endless body.
                .completeOnTimeout(TransportFailures.timeout(timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        observation.whenComplete((decided, unused) -> {
            response.cancel(true);
            body.close();
        });
        return observation;
    }

    private HealthObservation read(HttpResponse<InputStream> response, ResponseBody body, Endpoint endpoint,
                                   Duration timeout) {
        InputStream stream = body.adopt(response.body());
        try {
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                return redirect(response);
            }
            byte[] bytes = stream.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                return new ProbeFailure(ProbeFailure.Kind.TOO_LARGE, "health body exceeds 64 KiB",
                        BodyPrefix.of(bytes));
            }
            return reader.read(status, bytes);
        } catch (IOException broken) {
            return TransportFailures.classify(broken, endpoint, timeout);
        } finally {
            // Closing before the end of the body drops the connection instead of draining it.
            body.close();
        }
    }

    private static ProbeFailure redirect(HttpResponse<?> response) {
        String target = response.headers().firstValue("Location")
                .map(location -> location.length() > MAX_LOCATION_CHARS
                        ? location.substring(0, MAX_LOCATION_CHARS) + "..." : location)
                .map(location -> "redirect to " + location)
                .orElse("redirect without a Location header");
        return ProbeFailure.of(ProbeFailure.Kind.ERROR_STATUS,
                "HTTP " + response.statusCode() + " " + target + " (redirects are not followed)");
    }

    /**
     * The response body stream, closed exactly once by whoever finishes first: the reader or the timeout. A stream
     * that arrives after the timeout is closed at once, so no reader thread waits on a server that never ends.
     */
    private static final class ResponseBody {
        private InputStream stream;
        private boolean closed;

        synchronized InputStream adopt(InputStream arrived) {
            stream = arrived;
            if (closed) {
                closeQuietly(arrived);
            }
            return arrived;
        }

        synchronized void close() {
            closed = true;
            if (stream != null) {
                closeQuietly(stream);
            }
        }

        private static void closeQuietly(InputStream stream) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // Nothing left to tell: the probe's outcome is already decided.
            }
        }
    }
}
