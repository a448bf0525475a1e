package io.lifeline.adapter.http;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.port.out.HealthProbe;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Asks a backend over plain HTTP/1.1: {@code GET http://host:port/health} with the run's {@code X-Correlation-ID}, and
 * the headers of the configured {@link HealthRequest}.
 *
 * <p>The probe timeout bounds the whole exchange, connect, headers and body, and every outcome is a
 * {@link HealthObservation}: the returned stage never completes exceptionally. Redirects are not followed, no proxy
 * is used, and at most {@link #MAX_BODY_BYTES} of the body are read.
 *
 * <p>Each probe is one blocking exchange on its own thread over a plain socket of its own ({@link PlainHttpGet}),
 * closed when the outcome is decided: no connection is reused, so a squatter that answered once cannot go on answering
 * for the port, and every byte read is capped (headers 16 KiB, body {@link #MAX_BODY_BYTES}, trailers not read). A
 * plain socket is also the fastest start: in a cold JVM {@code HttpURLConnection}'s first answer came in about 40 ms
 * and the JDK's {@code HttpClient} needed about 350 ms (it sets up TLS even for {@code http://}), all of it on the path
 * to a start (docs/performance.md); a socket loads fewer classes than either.
 */
public final class HttpHealthProbe implements HealthProbe, AutoCloseable {

    public static final String DEFAULT_PATH = "/health";
    /** Health bodies are small; anything larger is not a health answer and is not read to the end. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final String CORRELATION_HEADER = "X-Correlation-ID";

    private static final int MAX_LOCATION_CHARS = 200;

    private final HealthRequest request;
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
        this(HealthRequest.at(path), threads, reader);
    }

    /**
     * @param request the path and the headers every request carries, the same value the ownership challenge gets
     * @param threads makes the threads that run the exchanges
     * @param reader  reads the answer's format, e.g. {@link HealthAnswerReader#lifelineJson()}
     */
    public HttpHealthProbe(HealthRequest request, ThreadFactory threads, HealthAnswerReader reader) {
        this.request = Objects.requireNonNull(request, "request");
        Objects.requireNonNull(threads, "threads");
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
        return BoundedExchange.start(endpoint, healthUri(endpoint, request.path()).getRawPath(),
                request.headersWith(Map.of(CORRELATION_HEADER, correlationId.value(), "Accept", "application/json")),
                timeout, executor,
                this::read, TransportFailures.timeout(timeout),
                broken -> TransportFailures.classify(broken, endpoint, timeout));
    }

    private HealthObservation read(PlainHttpGet get) throws IOException {
        HttpAnswer head = get.head();
        if (head.status() >= 300 && head.status() < 400) {
            return redirect(head.status(), head.header("Location"));
        }
        HttpAnswer answer = get.withBody(MAX_BODY_BYTES);
        if (answer.tooLarge()) {
            // Not read to its end: the socket is closed with the exchange.
            return new ProbeFailure(ProbeFailure.Kind.TOO_LARGE, "health body exceeds 64 KiB",
                    BodyPrefix.of(answer.body()));
        }
        return reader.read(answer.status(), answer.body());
    }

    private static ProbeFailure redirect(int status, String location) {
        String target = location == null ? "redirect without a Location header"
                : "redirect to " + (location.length() > MAX_LOCATION_CHARS
                        ? location.substring(0, MAX_LOCATION_CHARS) + "..." : location);
        return ProbeFailure.of(ProbeFailure.Kind.ERROR_STATUS,
                "HTTP " + status + " " + target + " (redirects are not followed)");
    }
}
