package io.lifeline.adapter.http;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.port.out.HealthProbe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Ready when a TCP connection to the endpoint's host and port is accepted within the timeout, for backends with no
 * HTTP health at all. Nothing is sent: the connection is closed as soon as it is made. A connect is a
 * {@link HealthReport} with status {@code healthy} and no services (so the run's required services must be none); a
 * refused connect is {@link ProbeFailure.Kind#CONNECTION_REFUSED}, no answer within the timeout
 * {@link ProbeFailure.Kind#TIMEOUT}, any other error {@link ProbeFailure.Kind#CONNECTION_ERROR}.
 *
 * <p>It cannot tell the backend from any other program that listens on the port, nor a degraded backend from a
 * healthy one. Connects run on threads of its own (name lookup included), never the caller's; the returned stage
 * never completes exceptionally and completes within about the timeout.
 */
public final class TcpHealthProbe implements HealthProbe, AutoCloseable {

    /** The answer of every successful connect. */
    public static final HealthReport.Answer CONNECTED = new HealthReport.Answer("TCP connect", true);

    private final ExecutorService executor;
    private final Set<Socket> connecting = ConcurrentHashMap.newKeySet();

    /** Connects on threads of the JDK's default factory. */
    public TcpHealthProbe() {
        this(Executors.defaultThreadFactory());
    }

    /** @param threads makes the threads that connect; the composition root passes named daemon threads */
    public TcpHealthProbe(ThreadFactory threads) {
        this.executor = Executors.newCachedThreadPool(Objects.requireNonNull(threads, "threads"));
    }

    /** Releases the threads and aborts connects under way (they end as failures); probes after this are not supported. */
    @Override
    public void close() {
        executor.shutdownNow();
        connecting.forEach(TcpHealthProbe::closeQuietly);
    }

    @Override
    public CompletionStage<HealthObservation> probe(Endpoint endpoint, CorrelationId correlationId, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint must not be null");
        Objects.requireNonNull(correlationId, "correlation id must not be null");
        Durations.requirePositive(timeout, "probe timeout");
        Socket socket = new Socket();
        CompletableFuture<HealthObservation> observation;
        try {
            connecting.add(socket);
            observation = CompletableFuture.supplyAsync(() -> connect(socket, endpoint, timeout), executor);
        } catch (RejectedExecutionException closed) {
            observation = CompletableFuture.completedFuture(ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR,
                    "cannot connect to " + endpoint + ": the probe is closed"));
        }
        CompletableFuture<HealthObservation> bounded = observation
                .exceptionally(unexpected -> ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR,
                        "cannot connect to " + endpoint + ": " + unexpected))
                // Socket.connect bounds the connect, not the name lookup before it.
                .completeOnTimeout(timeout(timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        bounded.whenComplete((decided, unused) -> {
            connecting.remove(socket);
            closeQuietly(socket);   // aborts a connect still under way
        });
        return bounded;
    }

    static HealthObservation connect(Socket socket, Endpoint endpoint, Duration timeout) {
        try (socket) {
            InetSocketAddress address = new InetSocketAddress(endpoint.host(), endpoint.port());
            if (address.isUnresolved()) {
                return ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR, "unknown host " + endpoint.host());
            }
            socket.connect(address, connectMillis(timeout));
            return new HealthReport(CONNECTED, JsonAnswer.HEALTHY, Map.of(), Optional.empty(), OptionalLong.empty(),
                    Optional.empty(), Optional.empty());
        } catch (SocketTimeoutException noAnswer) {
            return timeout(timeout);
        } catch (ConnectException notConnected) {
            return classify(notConnected, endpoint, timeout);
        } catch (IOException | RuntimeException broken) {
            return ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR, "cannot connect to " + endpoint + ": "
                    + oneLine(broken));
        }
    }

    /** Linux reports both "Connection refused" and the kernel's own "Connection timed out" as ConnectException. */
    static ProbeFailure classify(ConnectException error, Endpoint endpoint, Duration timeout) {
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("timed out")) {
            return timeout(timeout);
        }
        if (message.isEmpty() || message.contains("refused")) {
            return ProbeFailure.of(ProbeFailure.Kind.CONNECTION_REFUSED, "connection refused by " + endpoint);
        }
        return ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR, "cannot connect to " + endpoint + ": "
                + oneLine(error));
    }

    private static ProbeFailure timeout(Duration timeout) {
        return ProbeFailure.of(ProbeFailure.Kind.TIMEOUT, "no connection within " + Durations.format(timeout));
    }

    /** Socket.connect takes whole milliseconds, and 0 means forever: at least 1. */
    private static int connectMillis(Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage() == null ? "" : ": " + error.getMessage();
        return (error.getClass().getSimpleName() + message).replaceAll("\\s+", " ").strip();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // The outcome is decided; nothing left to tell.
        }
    }
}
