package io.lifeline.adapter.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every HTTP request Lifeline sends a backend has in common, as configured: the health path, and the headers the
 * settings add (none by default). The health probe and the ownership challenge are two callers of the same endpoint;
 * both take this one value, so a setting that shapes the request reaches both, wired once in the composition root.
 * The timeout is not in it: the run bounds each probe, and the challenge gets the same health timeout.
 *
 * @param path    the health path, starting with {@code /}, e.g. {@code /health}
 * @param headers sent with every request, in this order; never one Lifeline sets itself
 */
public record HealthRequest(String path, Map<String, String> headers) {

    /** The bundled backend's: {@value HttpHealthProbe#DEFAULT_PATH}, no headers of its own. */
    public static final HealthRequest DEFAULT = at(HttpHealthProbe.DEFAULT_PATH);

    /** A header name as HTTP has them: a token, without spaces, colons or line breaks. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> OWN = Set.of("host", "connection", "accept",
            HttpHealthProbe.CORRELATION_HEADER.toLowerCase(Locale.ROOT),
            HmacOwnershipChallenge.CHALLENGE_HEADER.toLowerCase(Locale.ROOT));

    public HealthRequest {
        Objects.requireNonNull(path, "health path must not be null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("health path must start with '/', was '" + path + "'");
        }
        headers = Map.copyOf(headers);
        headers.forEach((name, value) -> {
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a header name");
            }
            if (OWN.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the header " + name + " is Lifeline's own");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("the value of the header " + name + " has a line break in it");
            }
        });
    }

    /** The request to {@code path}, with no headers of its own. */
    public static HealthRequest at(String path) {
        return new HealthRequest(path, Map.of());
    }

    /** This request with one more header. */
    public HealthRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HealthRequest(path, more);
    }

    /** The headers of one exchange: these, then the caller's own. */
    Map<String, String> headersWith(Map<String, String> own) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(own);
        return all;
    }
}
