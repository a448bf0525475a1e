package io.lifeline.adapter.http;

import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.port.out.OwnershipChallenge;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The ownership handshake over HTTP: a GET of the health path (with the headers of the configured
 * {@link HealthRequest}, as the probe sends) and a fresh random {@value #CHALLENGE_HEADER}; a
 * backend that knows the secret Lifeline gave it ({@code LIFELINE_SECRET}) answers with {@value #PROOF_HEADER}, the
 * lowercase hex HMAC-SHA256 of {@link #message the challenge and the host and port it was told to listen on}, keyed
 * with the secret's UTF-8 bytes. The secret never crosses the wire, a recorded proof is worthless for the next
 * challenge, and a proof made on another port is worthless on this one: a squatter on port P that relays the
 * challenge to the user's backend on port Q gets back a proof for Q.
 *
 * <p>The whole exchange, connect, headers and body, is bounded by the timeout (the health timeout), as a health
 * probe is ({@link BoundedExchange}), over a socket of its own that is closed after the headers: the body is not
 * read. Every outcome is an
 * {@link Answer}: the returned stage never completes exceptionally.
 */
public final class HmacOwnershipChallenge implements OwnershipChallenge, AutoCloseable {

    public static final String CHALLENGE_HEADER = "X-Lifeline-Challenge";
    public static final String PROOF_HEADER = "X-Lifeline-Proof";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int CHALLENGE_BYTES = 32;

    private final HealthRequest request;
    private final Duration timeout;
    private final ExecutorService executor;
    private final SecureRandom random = new SecureRandom();

    /** Asks on threads of the JDK's default factory. */
    public HmacOwnershipChallenge(String path, Duration timeout) {
        this(path, timeout, Executors.defaultThreadFactory());
    }

    /**
     * @param path    the health path, e.g. {@code /health}
     * @param timeout bounds each whole exchange: the health timeout
     * @param threads makes the threads that run the exchanges; the composition root passes named daemon threads
     */
    public HmacOwnershipChallenge(String path, Duration timeout, ThreadFactory threads) {
        this(HealthRequest.at(path), timeout, threads);
    }

    /**
     * @param request the path and the headers every request carries: the same value the health probe gets
     * @param timeout bounds each whole exchange: the health timeout
     * @param threads makes the threads that run the exchanges; the composition root passes named daemon threads
     */
    public HmacOwnershipChallenge(HealthRequest request, Duration timeout, ThreadFactory threads) {
        this.request = Objects.requireNonNull(request, "request");
        this.timeout = Durations.requirePositive(timeout, "challenge timeout");
        this.executor = Executors.newCachedThreadPool(Objects.requireNonNull(threads, "threads"));
    }

    /** Releases the threads; challenges after this are answered {@link Answer#NONE}. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public CompletionStage<Answer> ask(Endpoint endpoint, String secret) {
        byte[] bytes = new byte[CHALLENGE_BYTES];
        random.nextBytes(bytes);
        String challenge = HexFormat.of().formatHex(bytes);
        try {
            return BoundedExchange.start(endpoint, HttpHealthProbe.healthUri(endpoint, request.path()).getRawPath(),
                    // The proof is in the headers: the body is not read, and the socket is closed.
                    request.headersWith(Map.of(CHALLENGE_HEADER, challenge)), timeout, executor,
                    get -> check(challenge, endpoint, get.head().header(PROOF_HEADER), secret),
                    Answer.NONE, broken -> Answer.NONE);
        } catch (URISyntaxException | RuntimeException unusable) {
            return CompletableFuture.completedFuture(Answer.NONE);
        }
    }

    /** Whether {@code proof} is the right answer to {@code challenge} sent to {@code endpoint} under {@code secret}. */
    static Answer check(String challenge, Endpoint endpoint, String proof, String secret) {
        if (proof == null || proof.isBlank()) {
            return Answer.NONE;
        }
        byte[] expected = proof(challenge, endpoint, secret).getBytes(StandardCharsets.US_ASCII);
        byte[] given = proof.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Answer.PROVEN : Answer.WRONG;
    }

    /**
     * What the proof is the HMAC of: the challenge, the host and the port, each on its own line,
     * {@code <challenge>\n<host>\n<port>}. The host is the endpoint's host exactly as Lifeline was configured with it
     * and gave the backend ({@code BACKEND_HOST}, {@code {host}}), the port in decimal ({@code BACKEND_PORT},
     * {@code {port}}). Lines, not {@code host:port}: an IPv6 host has colons of its own.
     */
    public static String message(String challenge, Endpoint endpoint) {
        return challenge + "\n" + endpoint.host() + "\n" + endpoint.port();
    }

    /** The proof for a challenge sent to an endpoint: what a backend computes (docs/backend-contract.md). */
    public static String proof(String challenge, Endpoint endpoint, String secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(message(challenge, endpoint)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, missing);
        }
    }
}
