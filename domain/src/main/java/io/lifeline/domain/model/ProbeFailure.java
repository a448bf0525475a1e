package io.lifeline.domain.model;

import java.util.Objects;
import java.util.function.Function;

/**
 * A probe that got no usable health report.
 *
 * @param kind       what went wrong
 * @param detail     one line saying what was seen, e.g. "connection refused"
 * @param bodyPrefix the first bytes of the body when there was one (for reports), otherwise empty
 */
public record ProbeFailure(Kind kind, String detail, String bodyPrefix) implements HealthObservation {

    public enum Kind {
        /** Nothing listens on the port. The only kind that proves the port is free. */
        CONNECTION_REFUSED,
        /** Connected but no complete answer within the probe timeout. */
        TIMEOUT,
        /** The connection broke: reset, closed early, garbage on the wire. */
        CONNECTION_ERROR,
        /** An error status (not success) without a usable health body. */
        ERROR_STATUS,
        /** A body that is not JSON. */
        NOT_JSON,
        /** JSON, but not the shape of a health report (missing or wrongly typed fields). */
        WRONG_SHAPE,
        /** A body over the size limit. */
        TOO_LARGE
    }

    public ProbeFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        bodyPrefix = bodyPrefix == null ? "" : bodyPrefix;
    }

    public static ProbeFailure of(Kind kind, String detail) {
        return new ProbeFailure(kind, detail, "");
    }

    @Override
    public <T> T fold(Function<HealthReport, T> report, Function<ProbeFailure, T> failure) {
        return failure.apply(this);
    }

    @Override
    public String describe() {
        String inert = InertText.field(detail);
        return bodyPrefix.isEmpty() ? inert : inert + " (body starts: " + InertText.field(bodyPrefix) + ")";
    }
}
