package io.lifeline.domain.testing;

import io.lifeline.domain.model.ProbeFailure;

/** Object mother for what a probe sees when there is no usable health report. */
public final class ProbeFailures {

    private ProbeFailures() {
    }

    /** Nothing listens: the only observation that proves the port is free. */
    public static ProbeFailure refused() {
        return ProbeFailure.of(ProbeFailure.Kind.CONNECTION_REFUSED, "connection refused");
    }

    /** Something accepted the connection but never answered. */
    public static ProbeFailure timedOut() {
        return ProbeFailure.of(ProbeFailure.Kind.TIMEOUT, "no answer within 1s");
    }

    /** Something answers, but not with JSON: another web server holds the port. */
    public static ProbeFailure notJson() {
        return new ProbeFailure(ProbeFailure.Kind.NOT_JSON, "HTTP 200, body is not JSON", "<!DOCTYPE html>");
    }
}
