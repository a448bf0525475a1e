package io.lifeline.adapter.http;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.ProbeFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import static io.lifeline.adapter.http.ProbeRuns.probeAndWait;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class TcpHealthProbeTest {

    private static final CorrelationId CORRELATION_ID = new CorrelationId("backend-startup-1700000000000");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    /** Long enough that a probe still under way is plainly under way when the test looks. */
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(8);

    private final AtomicInteger threadsMade = new AtomicInteger();
    private final ThreadFactory threads = task -> {
        Thread thread = new Thread(task, "tcp-probe-test-" + threadsMade.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    };
    private final TcpHealthProbe probe = new TcpHealthProbe(threads);
    private final TcpListeners listeners = new TcpListeners();

    @AfterEach
    void closeEverything() throws Exception {
        listeners.close();
        probe.close();
    }

    @Test
    void givenListeningBackend_whenProbing_thenHealthyWithoutServicesOnTheProbesOwnThreads() {
        HealthObservation observation = probeAndWait(probe, listeners.accepting(), CORRELATION_ID, PROBE_TIMEOUT);

        assertThat(observation).isEqualTo(new HealthReport(new HealthReport.Answer("TCP connect", true), "healthy",
                Map.of(), Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty()));
        assertThat(threadsMade).hasPositiveValue();
    }

    @Test
    void givenListeningBackend_whenJudgedWithoutRequiredServices_thenHealthy() {
        HealthObservation observation = probeAndWait(probe, listeners.accepting(), CORRELATION_ID, PROBE_TIMEOUT);

        HealthVerdict verdict = new HealthAcceptance(Set.of(), false).evaluate(observation);

        assertThat(verdict).isInstanceOf(HealthVerdict.Healthy.class);
    }

    @Test
    void givenSeveralProbes_whenProbingInTurn_thenEachConnects() {
        Endpoint backend = listeners.accepting();

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(probeAndWait(probe, backend, CORRELATION_ID, PROBE_TIMEOUT)).as("probe %d", attempt)
                    .isInstanceOf(HealthReport.class);
        }
    }

    @Test
    void givenNothingListens_whenProbing_thenRefusedNamingTheEndpoint() {
        Endpoint closed = TcpListeners.nothingListening();

        HealthObservation observation = probeAndWait(probe, closed, CORRELATION_ID, PROBE_TIMEOUT);

        assertThat(observation).isEqualTo(ProbeFailure.of(ProbeFailure.Kind.CONNECTION_REFUSED,
                "connection refused by " + closed));
    }

    @Test
    void givenListenerThatNeverAccepts_whenProbing_thenTimeoutSayingHowLong() {
        Endpoint stuck = listeners.neverAccepting();

        HealthObservation observation = probeAndWait(probe, stuck, CORRELATION_ID, SHORT_TIMEOUT);

        assertThat(observation).isEqualTo(ProbeFailure.of(ProbeFailure.Kind.TIMEOUT,
                "no connection within 300ms"));
    }

    @Test
    void givenListenerThatNeverAccepts_whenProbing_thenTheCallerIsNotBlocked() {
        Endpoint stuck = listeners.neverAccepting();

        CompletableFuture<HealthObservation> stage = probe.probe(stuck, CORRELATION_ID, LONG_TIMEOUT)
                .toCompletableFuture();

        // A probe that connected on the caller's thread would be done here, after LONG_TIMEOUT.
        assertThat(stage).isNotDone();
        probe.close();   // ends the connect under way
        assertThat(stage).succeedsWithin(Duration.ofSeconds(10))
                .isInstanceOfSatisfying(ProbeFailure.class, failure ->
                        assertThat(failure.kind()).isEqualTo(ProbeFailure.Kind.CONNECTION_ERROR));
    }

    @Test
    void givenAddressNoTcpConnectionCanReach_whenProbing_thenConnectionError() {
        // A TCP connect to a multicast address fails at once on Linux ("Network is unreachable").
        HealthObservation observation = probeAndWait(probe, new Endpoint("224.0.0.1", 9), CORRELATION_ID,
                PROBE_TIMEOUT);

        assertThat(observation).isInstanceOfSatisfying(ProbeFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(ProbeFailure.Kind.CONNECTION_ERROR);
            assertThat(failure.detail()).startsWith("cannot connect to 224.0.0.1:9: ");
        });
    }

    @Test
    void givenClosedProbe_whenProbing_thenAFailureNotAnException() {
        probe.close();

        HealthObservation observation = probeAndWait(probe, listeners.accepting(), CORRELATION_ID, PROBE_TIMEOUT);

        assertThat(observation).isInstanceOfSatisfying(ProbeFailure.class, failure ->
                assertThat(failure.kind()).isEqualTo(ProbeFailure.Kind.CONNECTION_ERROR));
    }

    @Test
    void givenTimeoutUnderAMillisecond_whenProbing_thenItStillEnds() {
        Endpoint stuck = listeners.neverAccepting();

        HealthObservation observation = probeAndWait(probe, stuck, CORRELATION_ID, Duration.ofNanos(500_000));

        assertThat(observation).isInstanceOfSatisfying(ProbeFailure.class, failure ->
                assertThat(failure.kind()).isEqualTo(ProbeFailure.Kind.TIMEOUT));
    }

    @Test
    void givenInvalidArguments_whenProbing_thenRefusedAtOnce() {
        Endpoint endpoint = TcpListeners.nothingListening();

        assertThatThrownBy(() -> probe.probe(null, CORRELATION_ID, PROBE_TIMEOUT))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> probe.probe(endpoint, null, PROBE_TIMEOUT))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> probe.probe(endpoint, CORRELATION_ID, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TcpHealthProbe(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void givenAHostNameThatDoesNotResolve_whenProbing_thenConnectionErrorNamingTheHost() {
        HealthObservation observation = probeAndWait(probe, new Endpoint("no-such-host.invalid", 9),
                CORRELATION_ID, PROBE_TIMEOUT);

        assertThat(observation).isEqualTo(ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR,
                "unknown host no-such-host.invalid"));
    }

    @Test
    void givenListenerThatNeverAccepts_whenConnecting_thenTheConnectItselfGivesUpAtTheTimeout() {
        // The connect step on its own, without the probe's deadline around it: its own timeout must end it.
        Endpoint stuck = listeners.neverAccepting();

        HealthObservation observation = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> TcpHealthProbe.connect(new Socket(), stuck, SHORT_TIMEOUT));

        assertThat(observation).isEqualTo(ProbeFailure.of(ProbeFailure.Kind.TIMEOUT, "no connection within 300ms"));
    }

    @Test
    void givenConnectExceptions_whenClassifying_thenByWhatTheKernelSaid() {
        Endpoint endpoint = new Endpoint("127.0.0.1", 8123);

        assertThat(TcpHealthProbe.classify(new ConnectException("Connection refused"), endpoint, SHORT_TIMEOUT))
                .isEqualTo(ProbeFailure.of(ProbeFailure.Kind.CONNECTION_REFUSED, "connection refused by " + endpoint));
        assertThat(TcpHealthProbe.classify(new ConnectException(), endpoint, SHORT_TIMEOUT))
                .as("no message").isEqualTo(ProbeFailure.of(ProbeFailure.Kind.CONNECTION_REFUSED,
                        "connection refused by " + endpoint));
        assertThat(TcpHealthProbe.classify(new ConnectException("Connection timed out"), endpoint, SHORT_TIMEOUT))
                .as("the kernel's own timeout").isEqualTo(ProbeFailure.of(ProbeFailure.Kind.TIMEOUT,
                        "no connection within 300ms"));
        assertThat(TcpHealthProbe.classify(new ConnectException("No route\nto host"), endpoint, SHORT_TIMEOUT))
                .isEqualTo(ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR,
                        "cannot connect to 127.0.0.1:8123: ConnectException: No route to host"));
    }
}
