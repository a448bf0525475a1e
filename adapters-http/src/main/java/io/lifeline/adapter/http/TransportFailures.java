package io.lifeline.adapter.http;

import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.ProbeFailure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what the HTTP client threw into a {@link ProbeFailure}. */
final class TransportFailures {

    private static final int MAX_DETAIL_CHARS = 200;

    private TransportFailures() {
    }

    static ProbeFailure timeout(Duration timeout) {
        return ProbeFailure.of(ProbeFailure.Kind.TIMEOUT, "no answer within " + Durations.format(timeout));
    }

    static ProbeFailure classify(Throwable error, Endpoint endpoint, Duration timeout) {
        Throwable cause = unwrap(error);
        // A connect timeout is an HttpConnectTimeoutException caused by a ConnectException: look for timeouts first.
        if (find(cause, HttpTimeoutException.class) != null) {
            return timeout(timeout);
        }
        // JDK 17 reports a refused connection as a ConnectException with a null message (cause: ClosedChannelException).
        if (find(cause, ConnectException.class) != null) {
            return ProbeFailure.of(ProbeFailure.Kind.CONNECTION_REFUSED, "connection refused by " + endpoint);
        }
        IOException io = find(cause, IOException.class);
        return ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR, describe(io != null ? io : cause));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    /** {@code SimpleName: message}, falling back to the first cause that has a message. */
    private static String describe(Throwable error) {
        String message = null;
        for (Throwable current = error; current != null && message == null; current = current.getCause()) {
            message = current.getMessage();
            if (current.getCause() == current) {
                break;
            }
        }
        String text = error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > MAX_DETAIL_CHARS ? text.substring(0, MAX_DETAIL_CHARS) + "..." : text;
    }
}
