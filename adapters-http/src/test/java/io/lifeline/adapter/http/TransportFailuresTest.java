package io.lifeline.adapter.http;

import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.ProbeFailure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class TransportFailuresTest {

    private static final Endpoint ENDPOINT = new Endpoint("127.0.0.1", 8123);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void givenRefusedWrappedWithoutMessage_whenClassifying_thenConnectionRefused() {
        ConnectException refused = new ConnectException();
        refused.initCause(new ClosedChannelException());

        ProbeFailure failure = TransportFailures.classify(new CompletionException(refused), ENDPOINT, TIMEOUT);

        assertThat(failure).isEqualTo(
                ProbeFailure.of(ProbeFailure.Kind.CONNECTION_REFUSED, "connection refused by 127.0.0.1:8123"));
    }

    @Test
    void givenConnectTimeout_whenClassifying_thenTimeoutNotRefused() {
        // A timeout and a refusal in one chain: the timeout is what happened.
        ConnectException connectFailed = new ConnectException("connect failed");
        connectFailed.initCause(new SocketTimeoutException("Connect timed out"));

        ProbeFailure failure = TransportFailures.classify(new CompletionException(connectFailed), ENDPOINT, TIMEOUT);

        assertThat(failure).isEqualTo(ProbeFailure.of(ProbeFailure.Kind.TIMEOUT, "no answer within 5s"));
    }

    @Test
    void givenRequestTimeout_whenClassifying_thenTimeout() {
        ProbeFailure failure = TransportFailures.classify(
                new SocketTimeoutException("Read timed out"), ENDPOINT,
                Duration.ofMillis(1_500));

        assertThat(failure.detail()).isEqualTo("no answer within 1.5s");
    }

    @Test
    void givenResetUnderAGenericMessage_whenClassifying_thenDetailNamesBoth() {
        IOException noBytes = new IOException("HTTP/1.1 header parser received no bytes",
                new IOException("HTTP/1.1 header parser received no bytes", new SocketException("Connection reset")));

        ProbeFailure failure = TransportFailures.classify(new CompletionException(noBytes), ENDPOINT, TIMEOUT);

        assertThat(failure).isEqualTo(ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR,
                "IOException: HTTP/1.1 header parser received no bytes (SocketException: Connection reset)"));
    }

    @Test
    void givenMultiLineMessage_whenClassifying_thenDetailIsOneShortLine() {
        ProbeFailure failure = TransportFailures.classify(new IOException("line one\nline two " + "x".repeat(500)),
                ENDPOINT, TIMEOUT);

        assertThat(failure.detail()).startsWith("IOException: line one line two").doesNotContain("\n")
                .hasSizeLessThan(210);
    }

    @Test
    void givenNoIoExceptionInTheChain_whenClassifying_thenTheFirstMeaningfulCauseIsNamed() {
        ProbeFailure failure = TransportFailures.classify(
                new CompletionException(new IllegalStateException("boom")), ENDPOINT, TIMEOUT);

        assertThat(failure).isEqualTo(ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR,
                "IllegalStateException: boom"));
    }

    @Test
    void givenAnEndlessCauseChain_whenClassifying_thenSixteenCausesDeepAtMost() {
        IOException chain = new IOException("cause 19");
        for (int depth = 18; depth >= 0; depth--) {
            chain = new IOException("cause " + depth, chain);
        }

        ProbeFailure failure = TransportFailures.classify(chain, ENDPOINT, TIMEOUT);

        assertThat(failure.detail()).isEqualTo("IOException: cause 0 (IOException: cause 15)");
    }

    @Test
    void givenADetailOfExactlyTheLimit_whenClassifying_thenNotCut() {
        String message = "x".repeat(200 - "IOException: ".length());

        assertThat(TransportFailures.classify(new IOException(message), ENDPOINT, TIMEOUT).detail())
                .isEqualTo("IOException: " + message);
        assertThat(TransportFailures.classify(new IOException(message + "y"), ENDPOINT, TIMEOUT).detail())
                .isEqualTo("IOException: " + message + "...");
    }
}
