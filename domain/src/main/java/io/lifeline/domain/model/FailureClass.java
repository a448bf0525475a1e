package io.lifeline.domain.model;

/** The kinds of startup failure, and whether another attempt can help with each. */
public enum FailureClass {
    INTERPRETER_NOT_FOUND(false),
    PACKAGES_MISSING(false),
    BACKEND_SCRIPT_MISSING(false),
    PORT_IN_USE(false),
    LAUNCH_FAILED(false),
    EXITED_DURING_STARTUP(true),
    HEALTH_TIMEOUT(true),
    UNHEALTHY_SERVICES(true);

    private final boolean retryable;

    FailureClass(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
