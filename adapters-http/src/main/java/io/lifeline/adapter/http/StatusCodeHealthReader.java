package io.lifeline.adapter.http;

import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Healthy when the status code is one of the accepted codes; the body is ignored (what Testcontainers' and Docker's
 * HTTP checks do). Any other code is still a readable answer: a report with status {@code unhealthy} whose answer is
 * not successful, so the run says "unhealthy (HTTP 503, expected 2xx, ...)" rather than calling the backend
 * unreachable. Never reports services, so the run's required services must be none with this reader.
 *
 * <p>Redirects cannot be accepted: {@link HttpHealthProbe} does not follow them and reports a 3xx itself.
 */
public final class StatusCodeHealthReader implements HealthAnswerReader {

    private final Set<Integer> accepted;
    private final String expectation;

    /**
     * @param acceptedCodes the codes that mean healthy, each 200 to 299 or 400 to 599, at least one
     * @throws IllegalArgumentException for an empty set, a code outside 200..599, or a redirect (3xx)
     */
    public StatusCodeHealthReader(Set<Integer> acceptedCodes) {
        this(acceptedCodes, null);
    }

    private StatusCodeHealthReader(Set<Integer> acceptedCodes, String expectation) {
        Objects.requireNonNull(acceptedCodes, "accepted status codes");
        if (acceptedCodes.isEmpty()) {
            throw new IllegalArgumentException("accepted status codes must not be empty");
        }
        SortedSet<Integer> codes = new TreeSet<>();
        for (Integer code : acceptedCodes) {
            Objects.requireNonNull(code, "accepted status code");
            if (code < 200 || code > 599) {
                throw new IllegalArgumentException("accepted status code must be between 200 and 599, was " + code);
            }
            if (code >= 300 && code < 400) {
                throw new IllegalArgumentException("accepted status code must not be a redirect (3xx), was " + code
                        + ": redirects are not followed");
            }
            codes.add(code);
        }
        this.accepted = Set.copyOf(codes);
        this.expectation = expectation != null ? expectation
                : codes.stream().map(String::valueOf).collect(Collectors.joining(" or "));
    }

    /** Every 2xx code is healthy, as in Testcontainers' {@code Wait.forHttp(..)} and Docker's {@code HEALTHCHECK}. */
    public static StatusCodeHealthReader any2xx() {
        Set<Integer> codes = IntStream.rangeClosed(200, 299).boxed().collect(Collectors.toSet());
        return new StatusCodeHealthReader(codes, "2xx");
    }

    @Override
    public HealthObservation read(int httpStatus, byte[] body) {
        boolean healthy = accepted.contains(httpStatus);
        HealthReport.Answer answer = healthy
                ? new HealthReport.Answer("HTTP " + httpStatus, true)
                : new HealthReport.Answer("HTTP " + httpStatus + ", expected " + expectation, false);
        return new HealthReport(answer, healthy ? "healthy" : "unhealthy", Map.of(), Optional.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty());
    }
}
