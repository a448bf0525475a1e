package io.lifeline.domain.model;

import java.util.Objects;

/** What happens after {@code connected}: liveness probing and restarts. */
public record SupervisionPolicy(LivenessPolicy liveness, RestartPolicy restart) {

    public static final SupervisionPolicy DEFAULT = new SupervisionPolicy(LivenessPolicy.DEFAULT, RestartPolicy.DEFAULT);
    /** A plain start: after connect only the process exit is watched, and it ends the run. */
    public static final SupervisionPolicy NONE = new SupervisionPolicy(LivenessPolicy.OFF, RestartPolicy.NEVER);

    public SupervisionPolicy {
        Objects.requireNonNull(liveness, "liveness");
        Objects.requireNonNull(restart, "restart");
    }

    public SupervisionPolicy withLiveness(LivenessPolicy value) {
        return new SupervisionPolicy(value, restart);
    }

    public SupervisionPolicy withRestart(RestartPolicy value) {
        return new SupervisionPolicy(liveness, value);
    }
}
