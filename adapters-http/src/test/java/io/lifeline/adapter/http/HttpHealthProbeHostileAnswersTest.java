package io.lifeline.adapter.http;

import com.sun.net.httpserver.HttpServer;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.ProbeFailure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.lifeline.adapter.http.HttpHealthProbeTest.assertFailure;
import static io.lifeline.adapter.http.ProbeRuns.probeAndWait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers that no real backend sends and a hostile one may: every one ends within the timeout, under a cap, with the
 * connection closed by the probe; and the plain HTTP the probe reads (chunks, interim answers, IPv6) as HTTP/1.1 has it.
 */
class HttpHealthProbeHostileAnswersTest {

    private static final CorrelationId CORRELATION_ID = new CorrelationId("backend-startup-1700000000000");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    /** Far less than a script lasts (ScriptedServer.MAX_SCRIPT_TIME) and than the JDK's drain (up to 5 s a read). */
    private static final Duration DROPPED_WITHIN = Duration.ofSeconds(1);
    private static final String HEALTHY = HealthBodies.minimal("healthy");
    private static final String CHUNKED_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    private final HttpHealthProbe probe = new HttpHealthProbe();

    @Test
    void givenAChunkedAnswerWithEndlessTrailers_whenProbing_thenTheBodyIsJudgedAndNoTrailerIsRead() throws Exception {
        // The JDK read such trailers without bound, ~40 MB/s onto the heap, past the deadline.
        String answer = CHUNKED_HEAD + chunk(HEALTHY) + "0\r\n";
        try (ScriptedServer endless = new ScriptedServer(ScriptedServer.endlessAfter(answer,
                "X-Trailer: " + "a".repeat(100) + "\r\n"))) {
            HealthObservation observation = probeAndWait(probe, local(endless), CORRELATION_ID, TIMEOUT);

            assertThat(observation).isInstanceOf(HealthReport.class);
            assertThat(endless.awaitClientDropped(DROPPED_WITHIN)).as("the probe closed the connection").isTrue();
        }
    }

    @Test
    void givenA60000ByteBodyThatDrips_whenProbing_thenTimeoutAtTheDeadlineAndTheConnectionClosedAtOnce()
            throws Exception {
        // Under 512 KiB: the JDK kept reading such a rest on its keep-alive cleaner thread after the exchange.
        try (ScriptedServer dripping = new ScriptedServer(ScriptedServer.dripping(Duration.ofMillis(1),
                request -> "HTTP/1.1 200 OK\r\nContent-Length: 60000\r\n\r\n" + "x".repeat(60_000)))) {
            long started = System.nanoTime();

            HealthObservation observation = probeAndWait(probe, local(dripping), CORRELATION_ID, SHORT_TIMEOUT);

            assertFailure(observation, ProbeFailure.Kind.TIMEOUT, "no answer within 300ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SHORT_TIMEOUT.multipliedBy(5));
            assertThat(dripping.awaitClientDropped(DROPPED_WITHIN)).as("closed by the probe at once").isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\r\\n",
            "aaaa"})
    void givenHeadersWithoutEnd_whenProbing_thenAConnectionErrorAtTheCapNotAHang(String again) throws Exception {
        // Endless header lines, or one header line without end.
        try (ScriptedServer endless = new ScriptedServer(ScriptedServer.endlessAfter(
                "HTTP/1.1 200 OK\r\nX-Pad: ", again.replace("\\r\\n", "\r\n")))) {
            HealthObservation observation = probeAndWait(probe, local(endless), CORRELATION_ID, TIMEOUT);

            assertFailure(observation, ProbeFailure.Kind.CONNECTION_ERROR,
                    "the answer's status line and headers exceed 16 KiB");
            assertThat(endless.awaitClientDropped(DROPPED_WITHIN)).as("the probe closed the connection").isTrue();
        }
    }

    @Test
    void givenHeadersOfJustUnderTheCap_whenProbing_thenTheyAreRead() throws Exception {
        String start = "HTTP/1.1 200 OK\r\n";
        String end = "\r\nContent-Length: " + HEALTHY.length() + "\r\n\r\n";
        // Status line and headers 16 KiB exactly, the empty line that ends them included.
        String pad = "X-Pad: " + "a".repeat(PlainHttpGet.MAX_HEAD_BYTES - start.length() - end.length() - 7);
        assertThat((start + pad + end).length()).isEqualTo(PlainHttpGet.MAX_HEAD_BYTES);

        assertThat(answerTo(start + pad + end + HEALTHY)).isInstanceOf(HealthReport.class);
        assertFailure(answerTo(start + pad + "a" + end + HEALTHY), ProbeFailure.Kind.CONNECTION_ERROR,
                "the answer's status line and headers exceed 16 KiB");
    }

    @Test
    void givenTheSameBodyInChunks_orWithALength_orUntilTheClose_whenProbing_thenTheSameVerdict() throws Exception {
        String third = HEALTHY.substring(0, HEALTHY.length() / 3);
        String rest = HEALTHY.substring(third.length());
        HealthObservation withLength = answerTo("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + HEALTHY.length() + "\r\n\r\n" + HEALTHY);

        assertThat(withLength).isInstanceOf(HealthReport.class);
        assertThat(answerTo(CHUNKED_HEAD + chunk(third) + Integer.toHexString(rest.length()).toUpperCase()
                + ";name=value\r\n" + rest + "\r\n0\r\n\r\n")).isEqualTo(withLength);
        assertThat(answerTo("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + HEALTHY))
                .isEqualTo(withLength);
        assertThat(answerTo("HTTP/1.0 200 OK\nContent-Length: " + HEALTHY.length() + "\n\n" + HEALTHY + "more"))
                .as("bare LF line ends, and no byte past the length is read").isEqualTo(withLength);
    }

    @Test
    void givenAChunkedBodyOverTheLimit_whenProbing_thenTooLarge() throws Exception {
        String big = "x".repeat(40_000);
        String answer = CHUNKED_HEAD + chunk(big) + chunk(big) + "0\r\n\r\n";

        ProbeFailure failure = assertFailure(answerTo(answer), ProbeFailure.Kind.TOO_LARGE,
                "health body exceeds 64 KiB");
        assertThat(failure.bodyPrefix()).startsWith("xxxx");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "zz\\r\\n| a chunk size is not a hexadecimal number",
            "-1\\r\\n| a chunk size is not a hexadecimal number",
            "1234567890abcdef\\r\\n| a chunk size is not a hexadecimal number",
            "\\r\\n| a chunk size is not a hexadecimal number",
            "2\\r\\n{}xx| a chunk does not end with CRLF",
            "2\\r\\n{}| the connection closed in the middle of the answer",
            "5\\r\\n{}| the connection closed before the end of the body"})
    void givenABrokenChunk_whenProbing_thenAConnectionErrorSayingWhat(String chunks, String detail) throws Exception {
        assertFailure(answerTo(CHUNKED_HEAD + chunks.replace("\\r\\n", "\r\n")), ProbeFailure.Kind.CONNECTION_ERROR,
                detail);
    }

    @Test
    void givenAChunkSizeLineWithoutEnd_whenProbing_thenAConnectionErrorAtItsCap() throws Exception {
        try (ScriptedServer endless = new ScriptedServer(ScriptedServer.endlessAfter(CHUNKED_HEAD + "1;", "a"))) {
            assertFailure(probeAndWait(probe, local(endless), CORRELATION_ID, TIMEOUT),
                    ProbeFailure.Kind.CONNECTION_ERROR, "a chunk-size line exceeds 1024 bytes");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "| the server closed the connection without answering",
            "HTTP/1.1 200 OK\\r\\nContent-Ty| the connection closed in the middle of the answer",
            "HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\n\\r\\n{}| the connection closed before the end of the body",
            "HTTP/1.1 200 OK\\r\\nContent-Length: -2\\r\\n\\r\\n{}| the Content-Length is not a number",
            "HTTP/1.1 200 OK\\r\\nContent-Length: 2, 2\\r\\n\\r\\n{}| the Content-Length is not a number",
            "HTTP/1.1 20 OK\\r\\n\\r\\n| the answer is not HTTP",
            "HTTP/1.1 099 OK\\r\\n\\r\\n| the answer is not HTTP",
            "HTTP/1.1 200OK\\r\\n\\r\\n| the answer is not HTTP",
            "HTTP/11 200 OK\\r\\n\\r\\n| the answer is not HTTP",
            "<html>\\r\\n| the answer is not HTTP"})
    void givenABrokenAnswer_whenProbing_thenAConnectionErrorSayingWhat(String answer, String detail)
            throws Exception {
        assertFailure(answerTo(answer == null ? "" : answer.replace("\\r\\n", "\r\n")),
                ProbeFailure.Kind.CONNECTION_ERROR, detail);
    }

    @Test
    void givenInterimAnswersBeforeTheFinalOne_whenProbing_thenTheyAreSkipped() throws Exception {
        String answer = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: " + HEALTHY.length() + "\r\n\r\n" + HEALTHY;

        assertThat(answerTo(answer)).isInstanceOf(HealthReport.class);
    }

    @Test
    void givenEndlessInterimAnswers_whenProbing_thenAConnectionErrorAtTheHeadersCap() throws Exception {
        try (ScriptedServer endless = new ScriptedServer(ScriptedServer.endlessAfter("",
                "HTTP/1.1 100 Continue\r\n\r\n"))) {
            assertFailure(probeAndWait(probe, local(endless), CORRELATION_ID, TIMEOUT),
                    ProbeFailure.Kind.CONNECTION_ERROR, "the answer's status line and headers exceed 16 KiB");
        }
    }

    @ParameterizedTest
    @CsvSource({"204", "304"})
    void givenAnAnswerThatHasNoBody_whenTheServerKeepsTheConnection_thenTheVerdictComesWithoutWaiting(int status)
            throws Exception {
        try (ScriptedServer holding = new ScriptedServer((in, out) -> {
            out.write(("HTTP/1.1 " + status + " Nothing\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ScriptedServer.silence().play(in, out);
        })) {
            HealthObservation observation = probeAndWait(probe, local(holding), CORRELATION_ID, TIMEOUT);

            assertThat(observation).isInstanceOf(ProbeFailure.class);
            assertThat(((ProbeFailure) observation).kind()).isNotEqualTo(ProbeFailure.Kind.TIMEOUT);
        }
    }

    @Test
    void givenABodyWithATransferCodingOtherThanChunked_whenProbing_thenItIsReadToTheClose() throws Exception {
        // HTTP/1.1: such a body ends at the close, whatever Content-Length says.
        assertThat(answerTo("HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\nContent-Length: 1\r\n\r\n" + HEALTHY))
                .isInstanceOf(HealthReport.class);
    }

    @Test
    void givenABackendOnTheIpv6Loopback_whenProbingIt_thenAnsweredWithTheHostBracketed() throws Exception {
        HttpServer backend;
        try {
            backend = HttpServer.create(new InetSocketAddress(InetAddress.getByName("::1"), 0), 0);
        } catch (IOException noIpv6) {
            Assumptions.abort("this machine has no IPv6 loopback (::1): " + noIpv6.getMessage());
            return;
        }
        List<String> hosts = new CopyOnWriteArrayList<>();
        byte[] healthy = HEALTHY.getBytes(StandardCharsets.UTF_8);
        backend.createContext("/health", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(200, healthy.length);
            try (var out = exchange.getResponseBody()) {
                out.write(healthy);
            }
        });
        backend.start();
        try {
            int port = backend.getAddress().getPort();

            assertThat(probeAndWait(probe, new Endpoint("::1", port), CORRELATION_ID, TIMEOUT))
                    .isInstanceOf(HealthReport.class);
            assertThat(hosts).containsExactly("[::1]:" + port);
        } finally {
            backend.stop(0);
        }
    }

    private HealthObservation answerTo(String answer) throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.dripping(Duration.ZERO, request -> answer))) {
            return probeAndWait(probe, local(server), CORRELATION_ID, TIMEOUT);
        }
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    private static Endpoint local(ScriptedServer server) {
        return new Endpoint("127.0.0.1", server.port());
    }
}
