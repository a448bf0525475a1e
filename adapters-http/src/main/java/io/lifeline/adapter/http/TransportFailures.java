package io.lifeline.adapter.http;

import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.ProbeFailure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what the HTTP exchange threw into a {@link ProbeFailure}. */
final class TransportFailures {

    private static final int MAX_DETAIL_CHARS = 200;
    private static final int MAX_CAUSE_DEPTH = 16;

    private TransportFailures() {
    }

    static ProbeFailure timeout(Duration timeout) {
        return ProbeFailure.of(ProbeFailure.Kind.TIMEOUT, "no answer within " + Durations.format(timeout));
    }

    static ProbeFailure classify(Throwable error, Endpoint endpoint, Duration timeout) {
        List<Throwable> chain = causes(error);
        // A connect or read timeout is a SocketTimeoutException: look for timeouts first.
        if (chain.stream().anyMatch(SocketTimeoutException.class::isInstance)) {
            return timeout(timeout);
        }
        // A refused connection is a ConnectException, sometimes wrapped; its message varies by JDK and OS.
        if (chain.stream().anyMatch(ConnectException.class::isInstance)) {
            return ProbeFailure.of(ProbeFailure.Kind.CONNECTION_REFUSED, "connection refused by " + endpoint);
        }
        // An answer that breaks HTTP or a cap of ours says so in one line of its own.
        var malformed = chain.stream().filter(MalformedAnswerException.class::isInstance).findFirst();
        if (malformed.isPresent()) {
            return ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR, malformed.get().getMessage());
        }
        List<Throwable> meaningful = chain.stream()
                .filter(cause -> !(cause instanceof CompletionException || cause instanceof ExecutionException))
                .toList();
        Throwable outer = meaningful.stream().filter(IOException.class::isInstance).findFirst()
                .orElse(meaningful.isEmpty() ? error : meaningful.get(0));
        return ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR, describe(outer, chain.get(chain.size() - 1)));
    }

    private static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable current = error; current != null && chain.size() < MAX_CAUSE_DEPTH;
             current = current.getCause()) {
            chain.add(current);
        }
        return chain;
    }

    /**
     * {@code SimpleName: message}, plus the root cause when it says something else: the JDK's outer messages are
     * often generic ("closed") while the root cause names the problem ("Illegal character in chunk size").
     */
    private static String describe(Throwable outer, Throwable root) {
        String text = oneLine(outer);
        if (root != outer && root.getMessage() != null && !root.getMessage().equals(outer.getMessage())) {
            text += " (" + oneLine(root) + ")";
        }
        return text.length() > MAX_DETAIL_CHARS ? text.substring(0, MAX_DETAIL_CHARS) + "..." : text;
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage() == null ? "" : ": " + error.getMessage();
        return (error.getClass().getSimpleName() + message).replaceAll("\\s+", " ").strip();
    }
}
