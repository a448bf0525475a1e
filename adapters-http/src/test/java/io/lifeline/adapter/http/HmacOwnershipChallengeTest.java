package io.lifeline.adapter.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.port.out.OwnershipChallenge.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The handshake against a real backend that knows the secret, a real squatter that relays the challenge to it, and
 * hostile answers that WireMock or a scripted socket plays.
 */
class HmacOwnershipChallengeTest {

    private static final String SECRET = "9f1c0e4a2b7d";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);
    /** A bug fails the test instead of hanging the build. */
    private static final long GIVE_UP_SECONDS = 10;

    private final AtomicInteger threadsMade = new AtomicInteger();
    private final ThreadFactory threads = task -> {
        Thread thread = new Thread(task, "challenge-test-" + threadsMade.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    };
    private final HmacOwnershipChallenge challenge = new HmacOwnershipChallenge("/health", TIMEOUT, threads);
    private final List<HttpServer> servers = new ArrayList<>();
    private WireMockServer hostile;

    @AfterEach
    void stop() {
        challenge.close();
        servers.forEach(server -> server.stop(0));
        if (hostile != null) {
            hostile.stop();
        }
    }

    @Test
    void givenABackendThatKnowsTheSecret_thenProven_onTheChallengesOwnThreads_andEveryChallengeIsFresh()
            throws Exception {
        List<String> challenges = new CopyOnWriteArrayList<>();
        Endpoint endpoint = backendKnowing(SECRET, challenges);

        assertThat(ask(endpoint, SECRET)).isEqualTo(Answer.PROVEN);
        assertThat(ask(endpoint, SECRET)).isEqualTo(Answer.PROVEN);
        assertThat(ask(endpoint, "another-secret")).as("proof under another key").isEqualTo(Answer.WRONG);
        assertThat(challenges).hasSize(3).doesNotHaveDuplicates().allMatch(sent -> sent.matches("[0-9a-f]{64}"));
        assertThat(threadsMade).hasPositiveValue();
    }

    @Test
    void givenASquatterRelayingTheChallengeToTheUsersBackendOnAnotherPort_thenWrong() throws Exception {
        // Before the proof covered host and port, the relayed proof was right: the squatter on P passed as ours.
        Endpoint users = backendKnowing(SECRET, new CopyOnWriteArrayList<>());
        Endpoint squatter = relayTo(users);

        assertThat(ask(squatter, SECRET)).isEqualTo(Answer.WRONG);
        assertThat(ask(users, SECRET)).as("the same backend asked on its own port").isEqualTo(Answer.PROVEN);
    }

    @Test
    void givenTheChallenge_whenSent_thenOnTheHealthPathWithoutAnyOtherSecretHeader() throws Exception {
        Endpoint endpoint = hostileAnswering(null);

        ask(endpoint, SECRET);

        hostile.verify(1, getRequestedFor(urlEqualTo("/health"))
                .withHeader(HmacOwnershipChallenge.CHALLENGE_HEADER, matching("[0-9a-f]{64}")));
        assertThat(hostile.getAllServeEvents().get(0).getRequest().getAllHeaderKeys())
                .noneMatch(name -> name.toLowerCase().contains("secret"));
        assertThat(hostile.getAllServeEvents().get(0).getRequest().toString()).doesNotContain(SECRET);
    }

    @Test
    void givenACustomHealthPath_thenTheChallengeGoesThere() throws Exception {
        hostile = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        hostile.start();
        hostile.stubFor(get(urlEqualTo("/api/health")).willReturn(aResponse().withStatus(200)));
        Endpoint endpoint = new Endpoint("127.0.0.1", hostile.port());

        try (HmacOwnershipChallenge custom = new HmacOwnershipChallenge("/api/health", TIMEOUT, threads)) {
            assertThat(custom.ask(endpoint, SECRET).toCompletableFuture().get(GIVE_UP_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo(Answer.NONE);
        }

        hostile.verify(1, getRequestedFor(urlEqualTo("/api/health")));
    }

    @Test
    void givenAReplayedProof_thenWrong() throws Exception {
        Endpoint endpoint = hostileAnswering(null);
        String recorded = HmacOwnershipChallenge.proof("an-earlier-challenge", endpoint, SECRET);
        endpoint = hostileAnswering(recorded);

        assertThat(ask(endpoint, SECRET)).isEqualTo(Answer.WRONG);
    }

    @Test
    void givenAProofInAnErrorAnswerWithABody_thenStillChecked() throws Exception {
        hostile = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        hostile.start();
        hostile.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(503)
                .withHeader(HmacOwnershipChallenge.PROOF_HEADER, "0".repeat(64)).withBody("x".repeat(100_000))));

        assertThat(ask(new Endpoint("127.0.0.1", hostile.port()), SECRET)).isEqualTo(Answer.WRONG);
    }

    @Test
    void givenNoProofHeader_orNothingListening_thenNone() throws Exception {
        Endpoint endpoint = hostileAnswering(null);

        assertThat(ask(endpoint, SECRET)).isEqualTo(Answer.NONE);
        assertThat(ask(TcpListeners.nothingListening(), SECRET)).isEqualTo(Answer.NONE);
    }

    @Test
    void givenAHostThatCannotBeInAUrl_orAClosedChallenge_thenNoneInsteadOfAnException() throws Exception {
        assertThat(ask(new Endpoint("bad host", 8123), SECRET)).isEqualTo(Answer.NONE);

        challenge.close();

        assertThat(ask(hostileAnswering(null), SECRET)).isEqualTo(Answer.NONE);
    }

    @Test
    void givenAnAnswerThatDripsAByteEvery100ms_thenNoneAtTheTimeout_andTheConnectionIsDropped() throws Exception {
        // The right proof, one byte every 100 ms (about 11 s in all): every read gets a byte well within the read
        // timeout, so only a deadline over the whole exchange ends it. Before, the challenge waited on for it.
        try (ScriptedServer dripping = new ScriptedServer(ScriptedServer.dripping(Duration.ofMillis(100),
                request -> "HTTP/1.1 200 OK\r\n" + HmacOwnershipChallenge.PROOF_HEADER + ": "
                        + HmacOwnershipChallenge.proof(ScriptedServer.header(request,
                        HmacOwnershipChallenge.CHALLENGE_HEADER), endpointOf(request), SECRET)
                        + "\r\nContent-Length: 0\r\n\r\n"));
             HmacOwnershipChallenge bounded = new HmacOwnershipChallenge("/health", SHORT_TIMEOUT, threads)) {
            Endpoint endpoint = new Endpoint("127.0.0.1", dripping.port());
            long started = System.nanoTime();

            CompletableFuture<Answer> answer = bounded.ask(endpoint, SECRET).toCompletableFuture();

            assertThat(answer.get(GIVE_UP_SECONDS, TimeUnit.SECONDS)).isEqualTo(Answer.NONE);
            // Generous: four times the timeout; the dripped answer takes about 11 s, the script gives up after 5 s.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SHORT_TIMEOUT.multipliedBy(4));
            assertThat(dripping.awaitClientDropped(Duration.ofSeconds(3)))
                    .as("the challenge closes the connection at its deadline").isTrue();
        }
    }

    @Test
    void givenTheProofBeforeABodyWithoutEnd_thenProvenFromTheHeadersAlone_andTheConnectionIsClosed() throws Exception {
        try (ScriptedServer endless = new ScriptedServer(ScriptedServer.endlessAfter(
                request -> "HTTP/1.1 200 OK\r\n" + HmacOwnershipChallenge.PROOF_HEADER + ": "
                        + HmacOwnershipChallenge.proof(ScriptedServer.header(request,
                        HmacOwnershipChallenge.CHALLENGE_HEADER), endpointOf(request), SECRET)
                        + "\r\nContent-Length: 100000000\r\n\r\n", "x".repeat(1_000)))) {
            Answer answer = ask(new Endpoint("127.0.0.1", endless.port()), SECRET);

            assertThat(answer).isEqualTo(Answer.PROVEN);
            assertThat(endless.awaitClientDropped(Duration.ofSeconds(1)))
                    .as("the challenge closes the connection after the headers").isTrue();
        }
    }

    @Test
    void givenASilentServer_thenNoneAtTheTimeout() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(ScriptedServer.silence());
             HmacOwnershipChallenge bounded = new HmacOwnershipChallenge("/health", SHORT_TIMEOUT, threads)) {
            long started = System.nanoTime();

            Answer answer = bounded.ask(new Endpoint("127.0.0.1", silent.port()), SECRET).toCompletableFuture()
                    .get(GIVE_UP_SECONDS, TimeUnit.SECONDS);

            assertThat(answer).isEqualTo(Answer.NONE);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SHORT_TIMEOUT.multipliedBy(4));
        }
    }

    @Test
    void givenTheProofOfTheChallenge_thenCheckedInConstantTimeCaseInsensitivelyAndForThatEndpointOnly() {
        Endpoint endpoint = new Endpoint("127.0.0.1", 8123);
        String proof = HmacOwnershipChallenge.proof("abc", endpoint, SECRET);

        assertThat(HmacOwnershipChallenge.check("abc", endpoint, proof, SECRET)).isEqualTo(Answer.PROVEN);
        assertThat(HmacOwnershipChallenge.check("abc", endpoint, " " + proof.toUpperCase() + " ", SECRET))
                .isEqualTo(Answer.PROVEN);
        assertThat(HmacOwnershipChallenge.check("abc", endpoint, proof.substring(1), SECRET)).isEqualTo(Answer.WRONG);
        assertThat(HmacOwnershipChallenge.check("abd", endpoint, proof, SECRET)).isEqualTo(Answer.WRONG);
        assertThat(HmacOwnershipChallenge.check("abc", new Endpoint("127.0.0.1", 8124), proof, SECRET))
                .as("another port").isEqualTo(Answer.WRONG);
        assertThat(HmacOwnershipChallenge.check("abc", new Endpoint("localhost", 8123), proof, SECRET))
                .as("another host").isEqualTo(Answer.WRONG);
        assertThat(HmacOwnershipChallenge.check("abc", endpoint, " ", SECRET)).isEqualTo(Answer.NONE);
        assertThat(HmacOwnershipChallenge.check("abc", endpoint, null, SECRET)).isEqualTo(Answer.NONE);
    }

    @Test
    void givenTheContractsExample_thenTheMessageAndProofAgreeWithPython() {
        // hmac.new(b"Jefe", b"what do ya want for nothing?\n127.0.0.1\n8123", hashlib.sha256).hexdigest()
        String challenge = "what do ya want for nothing?";

        assertThat(HmacOwnershipChallenge.message(challenge, new Endpoint("127.0.0.1", 8123)))
                .isEqualTo("what do ya want for nothing?\n127.0.0.1\n8123");
        assertThat(HmacOwnershipChallenge.proof(challenge, new Endpoint("127.0.0.1", 8123), "Jefe"))
                .isEqualTo("97d31f209377b90013412d90100d210e207148917d44934be868b8bc4bb7271b");
        assertThat(HmacOwnershipChallenge.proof(challenge, new Endpoint("::1", 8123), "Jefe"))
                .isEqualTo("4d810c2dedf9d84ebfb57bffae9218add3ae39fde42548296e7949f2ede4423b");
    }

    @Test
    void givenInvalidArguments_whenCreating_thenRefusedAtOnce() {
        assertThatThrownBy(() -> new HmacOwnershipChallenge(null, TIMEOUT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new HmacOwnershipChallenge("/health", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HmacOwnershipChallenge("/health", TIMEOUT, null))
                .isInstanceOf(NullPointerException.class);
    }

    /** A real backend on a port of its own: it proves each challenge for the host and port it listens on. */
    private Endpoint backendKnowing(String secret, List<String> challenges) throws IOException {
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Endpoint own = new Endpoint("127.0.0.1", backend.getAddress().getPort());
        backend.createContext("/health", exchange -> {
            String sent = exchange.getRequestHeaders().getFirst(HmacOwnershipChallenge.CHALLENGE_HEADER);
            challenges.add(sent);
            exchange.getResponseHeaders().add(HmacOwnershipChallenge.PROOF_HEADER,
                    HmacOwnershipChallenge.proof(sent, own, secret));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        backend.start();
        servers.add(backend);
        return own;
    }

    /** A squatter on a port of its own that asks {@code target} with the challenge it got and returns the proof. */
    private Endpoint relayTo(Endpoint target) throws IOException {
        HttpServer squatter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        squatter.createContext("/health", exchange -> {
            HttpURLConnection relayed = (HttpURLConnection) URI.create("http://127.0.0.1:" + target.port()
                    + "/health").toURL().openConnection(Proxy.NO_PROXY);
            relayed.setRequestProperty(HmacOwnershipChallenge.CHALLENGE_HEADER,
                    exchange.getRequestHeaders().getFirst(HmacOwnershipChallenge.CHALLENGE_HEADER));
            relayed.getResponseCode();
            exchange.getResponseHeaders().add(HmacOwnershipChallenge.PROOF_HEADER,
                    relayed.getHeaderField(HmacOwnershipChallenge.PROOF_HEADER));
            relayed.disconnect();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        squatter.start();
        servers.add(squatter);
        return new Endpoint("127.0.0.1", squatter.getAddress().getPort());
    }

    private Endpoint hostileAnswering(String proofHeader) {
        if (hostile == null) {
            hostile = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            hostile.start();
        }
        hostile.resetAll();
        var response = aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"healthy\",\"services\":{}}");
        if (proofHeader != null) {
            response = response.withHeader(HmacOwnershipChallenge.PROOF_HEADER, proofHeader);
        }
        hostile.stubFor(get(urlEqualTo("/health")).willReturn(response));
        return new Endpoint("127.0.0.1", hostile.port());
    }

    /** The endpoint a request was sent to, from its Host header (127.0.0.1:port). */
    private static Endpoint endpointOf(String request) {
        String host = ScriptedServer.header(request, "Host");
        int colon = host.lastIndexOf(':');
        return new Endpoint(host.substring(0, colon), Integer.parseInt(host.substring(colon + 1)));
    }

    private Answer ask(Endpoint endpoint, String secret) throws Exception {
        return challenge.ask(endpoint, secret).toCompletableFuture().get(GIVE_UP_SECONDS, TimeUnit.SECONDS);
    }
}
