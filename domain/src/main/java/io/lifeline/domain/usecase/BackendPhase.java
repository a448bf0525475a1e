package io.lifeline.domain.usecase;

/** Where one backend of an app stands, as the {@link AppMachine} sees it. */
enum BackendPhase {
    /** Not launched: waits for its dependencies (or, after its dependency went down, for it to be healthy again). */
    WAITING,
    /** Its run began: checking the port, launching, or attaching. */
    STARTING,
    /** Its process runs, not yet ready: meets a {@code started} condition. */
    STARTED,
    /** Connected: meets {@code healthy} and {@code started}. */
    READY,
    /** A one-shot job that exited with 0: meets {@code completed}; its run is over. */
    COMPLETED,
    /** Was connected, went down, and its own restart policy restarts it. */
    DOWN,
    /**
     * To be stopped because a dependency it restarts with went down, once its own {@code restartWith} dependants are
     * stopped (leaves first); still running.
     */
    HOLDING,
    /** Being stopped because a dependency it restarts with went down; waits again once stopped. */
    HELD,
    /** Being stopped: the app stops. */
    STOPPING,
    STOPPED,
    FAILED,
    /** Never launched: a dependency failed or missed its timeout. */
    SKIPPED;

    /** Its run is under way, so there is something to stop. */
    boolean running() {
        return this == STARTING || this == STARTED || this == READY || this == DOWN || this == HOLDING
                || this == HELD || this == STOPPING;
    }

    /** Nothing of it runs any more, and nothing more happens to it in this run. */
    boolean over() {
        return this == COMPLETED || this == STOPPED || this == FAILED || this == SKIPPED;
    }
}
