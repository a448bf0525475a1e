package io.lifeline.domain.model;

/** What a start does when a ready backend already answers on its port. */
public enum AttachPolicy {
    /** Attach only when a proof says the backend is ours ({@link Ownership.Proof}); refuse anything else. */
    VERIFIED,
    /** Attach to any ready answer (the seed's rule): for a backend you trust, or that cannot be proven. */
    HEALTHY,
    /** Never attach: a taken port fails the start. */
    NEVER
}
