package io.lifeline.adapter.http;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.ProbeFailure;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static io.lifeline.adapter.http.HttpHealthProbeTest.assertFailure;
import static io.lifeline.adapter.http.HttpHealthProbeTest.assertKind;
import static io.lifeline.adapter.http.ProbeRuns.probeAndWait;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Probes against a closed port and against servers that misbehave below HTTP. */
class HttpHealthProbeConnectionTest {

    private static final CorrelationId CORRELATION_ID = new CorrelationId("backend-startup-1700000000000");
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    private final HttpHealthProbe probe = new HttpHealthProbe();

    @Test
    void givenNothingListens_whenProbing_thenConnectionRefusedInsteadOfATimeout() throws Exception {
        Endpoint closed = new Endpoint("127.0.0.1", freePort());

        HealthObservation observation = probeAndWait(probe, closed, CORRELATION_ID, Duration.ofSeconds(5));

        assertFailure(observation, ProbeFailure.Kind.CONNECTION_REFUSED, "connection refused by " + closed);
    }

    @Test
    void givenServerThatAcceptsButNeverAnswers_whenProbing_thenTimeout() throws Exception {
        // The server stays silent for ScriptedServer.MAX_SCRIPT_TIME (5 s) and then hangs up: only a probe that
        // gives up at its own timeout sees a TIMEOUT, one that waits on sees a broken connection.
        try (ScriptedServer silent = new ScriptedServer(ScriptedServer.silence())) {
            HealthObservation observation = probeAndWait(probe, new Endpoint("127.0.0.1", silent.port()),
                    CORRELATION_ID, SHORT_TIMEOUT);

            assertFailure(observation, ProbeFailure.Kind.TIMEOUT, "no answer within 300ms");
        }
    }

    @Test
    void givenEndlessTricklingBody_whenProbing_thenTimeoutAndTheConnectionIsDropped() throws Exception {
        try (ScriptedServer endless = new ScriptedServer(ScriptedServer.endlessChunkedBody(Duration.ofMillis(20)))) {
            HealthObservation observation = probeAndWait(probe, new Endpoint("127.0.0.1", endless.port()),
                    CORRELATION_ID, SHORT_TIMEOUT);

            assertFailure(observation, ProbeFailure.Kind.TIMEOUT, "no answer within 300ms");
            assertThat(endless.awaitClientDropped(Duration.ofSeconds(3)))
                    .as("the probe closes the connection instead of reading on").isTrue();
        }
    }

    @Test
    void givenBodyFarOverTheLimit_whenProbing_thenTooLargeAndTheConnectionIsDroppedBeforeTheEnd() throws Exception {
        // 256 MiB announced and sent as fast as the client reads: reading it all would end the script normally.
        try (ScriptedServer huge = new ScriptedServer(ScriptedServer.hugeBody(256L * 1024 * 1024))) {
            HealthObservation observation = probeAndWait(probe, new Endpoint("127.0.0.1", huge.port()),
                    CORRELATION_ID, Duration.ofSeconds(5));

            assertFailure(observation, ProbeFailure.Kind.TOO_LARGE, "health body exceeds 64 KiB");
            assertThat(huge.awaitClientDropped(Duration.ofSeconds(5)))
                    .as("the probe stops reading at the limit and closes the connection").isTrue();
        }
    }

    @Test
    void givenIpv6LiteralHost_whenBuildingTheUri_thenTheHostIsBracketed() throws Exception {
        assertThat(HttpHealthProbe.healthUri(new Endpoint("::1", 8123), "/health"))
                .hasToString("http://[::1]:8123/health");
        assertThat(HttpHealthProbe.healthUri(new Endpoint("localhost", 8123), "/health"))
                .hasToString("http://localhost:8123/health");
    }

    @Test
    void givenHostThatCannotBeInAUrl_whenProbing_thenConnectionErrorInsteadOfAnException() {
        HealthObservation observation = probeAndWait(probe, new Endpoint("bad host", 8123), CORRELATION_ID,
                SHORT_TIMEOUT);

        assertThat(assertKind(observation, ProbeFailure.Kind.CONNECTION_ERROR).detail())
                .startsWith("cannot send a request to bad host:8123");
    }

    @Test
    void givenPathWithoutLeadingSlash_whenCreatingTheProbe_thenRejected() {
        assertThatThrownBy(() -> new HttpHealthProbe("health"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with '/'");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
