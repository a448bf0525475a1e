package io.lifeline.adapter.http;

import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.port.out.OwnershipChallenge;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The ownership handshake over HTTP: a GET of the health path with a fresh random {@value #CHALLENGE_HEADER}; a
 * backend that knows the secret Lifeline gave it ({@code LIFELINE_SECRET}) answers with {@value #PROOF_HEADER}, the
 * lowercase hex HMAC-SHA256 of the challenge's text keyed with the secret's UTF-8 bytes. The secret never crosses the
 * wire, and a recorded proof is worthless for the next challenge. Blocking: called off the driver's thread.
 */
public final class HmacOwnershipChallenge implements OwnershipChallenge {

    public static final String CHALLENGE_HEADER = "X-Lifeline-Challenge";
    public static final String PROOF_HEADER = "X-Lifeline-Proof";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int CHALLENGE_BYTES = 32;

    private final String path;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    public HmacOwnershipChallenge(String path, Duration timeout) {
        this.path = Objects.requireNonNull(path, "path");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public CompletionStage<Answer> ask(Endpoint endpoint, String secret) {
        byte[] bytes = new byte[CHALLENGE_BYTES];
        random.nextBytes(bytes);
        String challenge = HexFormat.of().formatHex(bytes);
        return CompletableFuture.completedFuture(check(challenge, proofFrom(endpoint, challenge), secret));
    }

    /** Whether {@code proof} is the right answer to {@code challenge} under {@code secret}. */
    static Answer check(String challenge, String proof, String secret) {
        if (proof == null || proof.isBlank()) {
            return Answer.NONE;
        }
        byte[] expected = proof(challenge, secret).getBytes(StandardCharsets.US_ASCII);
        byte[] given = proof.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Answer.PROVEN : Answer.WRONG;
    }

    /** The proof for a challenge: what a backend computes (docs/backend-contract.md has it in Python). */
    public static String proof(String challenge, String secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, missing);
        }
    }

    private String proofFrom(Endpoint endpoint, String challenge) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) HttpHealthProbe.healthUri(endpoint, path).toURL()
                    .openConnection(Proxy.NO_PROXY);
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setRequestProperty(CHALLENGE_HEADER, challenge);
            connection.getResponseCode();
            String proof = connection.getHeaderField(PROOF_HEADER);
            drain(connection);
            return proof;
        } catch (IOException | URISyntaxException | RuntimeException noAnswer) {
            return null;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static void drain(HttpURLConnection connection) {
        try (InputStream body = connection.getResponseCode() >= 400 ? connection.getErrorStream()
                : connection.getInputStream()) {
            if (body != null) {
                body.readNBytes(64 * 1024);
            }
        } catch (IOException ignored) {
            // The proof is in the headers; the body does not matter.
        }
    }
}
