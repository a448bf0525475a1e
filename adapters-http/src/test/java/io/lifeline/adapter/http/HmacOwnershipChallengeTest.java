package io.lifeline.adapter.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.port.out.OwnershipChallenge.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The handshake against a real backend that knows the secret, and against hostile answers WireMock plays. */
class HmacOwnershipChallengeTest {

    private static final String SECRET = "9f1c0e4a2b7d";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HmacOwnershipChallenge challenge = new HmacOwnershipChallenge("/health", TIMEOUT);
    private HttpServer backend;
    private WireMockServer hostile;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop(0);
        }
        if (hostile != null) {
            hostile.stop();
        }
    }

    @Test
    void givenABackendThatKnowsTheSecret_thenProven_andEveryChallengeIsFresh() throws Exception {
        List<String> challenges = new CopyOnWriteArrayList<>();
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/health", exchange -> {
            String sent = exchange.getRequestHeaders().getFirst(HmacOwnershipChallenge.CHALLENGE_HEADER);
            challenges.add(sent);
            exchange.getResponseHeaders().add(HmacOwnershipChallenge.PROOF_HEADER,
                    HmacOwnershipChallenge.proof(sent, SECRET));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        backend.start();
        Endpoint endpoint = new Endpoint("127.0.0.1", backend.getAddress().getPort());

        assertThat(ask(endpoint, SECRET)).isEqualTo(Answer.PROVEN);
        assertThat(ask(endpoint, SECRET)).isEqualTo(Answer.PROVEN);
        assertThat(ask(endpoint, "another-secret")).as("proof under another key").isEqualTo(Answer.WRONG);
        assertThat(challenges).hasSize(3).doesNotHaveDuplicates().allMatch(sent -> sent.matches("[0-9a-f]{64}"));
    }

    @Test
    void givenAReplayedProof_thenWrong() throws Exception {
        String recorded = HmacOwnershipChallenge.proof("an-earlier-challenge", SECRET);
        Endpoint endpoint = hostileAnswering(recorded);

        assertThat(ask(endpoint, SECRET)).isEqualTo(Answer.WRONG);
    }

    @Test
    void givenNoProofHeader_orNothingListening_thenNone() throws Exception {
        Endpoint endpoint = hostileAnswering(null);

        assertThat(ask(endpoint, SECRET)).isEqualTo(Answer.NONE);
        assertThat(ask(new Endpoint("127.0.0.1", freePort()), SECRET)).isEqualTo(Answer.NONE);
    }

    @Test
    void givenTheProofOfTheChallenge_thenCheckedInConstantTimeAndCaseInsensitively() {
        String proof = HmacOwnershipChallenge.proof("abc", SECRET);

        assertThat(HmacOwnershipChallenge.check("abc", proof.toUpperCase(), SECRET)).isEqualTo(Answer.PROVEN);
        assertThat(HmacOwnershipChallenge.check("abc", proof.substring(1), SECRET)).isEqualTo(Answer.WRONG);
        assertThat(HmacOwnershipChallenge.check("abc", " ", SECRET)).isEqualTo(Answer.NONE);
        // RFC 4231 test case 2 ("Jefe"), so the backend-contract's Python example and this agree.
        assertThat(HmacOwnershipChallenge.proof("what do ya want for nothing?", "Jefe"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    private Endpoint hostileAnswering(String proofHeader) {
        hostile = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        hostile.start();
        var response = aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"healthy\",\"services\":{}}");
        if (proofHeader != null) {
            response = response.withHeader(HmacOwnershipChallenge.PROOF_HEADER, proofHeader);
        }
        hostile.stubFor(get(urlEqualTo("/health")).willReturn(response));
        return new Endpoint("127.0.0.1", hostile.port());
    }

    private Answer ask(Endpoint endpoint, String secret) throws Exception {
        return challenge.ask(endpoint, secret).toCompletableFuture().get();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
