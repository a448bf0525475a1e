package io.lifeline.domain.model;

/** The kinds of startup failure, and whether another attempt can help with each. */
public enum FailureClass {
    INTERPRETER_NOT_FOUND(false),
    PACKAGES_MISSING(false),
    BACKEND_SCRIPT_MISSING(false),
    PORT_IN_USE(false),
    /** The backend's program does not exist. */
    PROGRAM_NOT_FOUND(false),
    /** The backend's program is a folder, or a file without execute permission. */
    PROGRAM_NOT_EXECUTABLE(false),
    /** The operating system (or an antivirus, a security policy) refused to run it. */
    PERMISSION_DENIED(false),
    LAUNCH_FAILED(false),
    /** /health answers, but not with a health report: a contract violation no restart fixes. */
    BAD_HEALTH_RESPONSE(false),
    /** The backend's output says it listens on another port than the one it was given. */
    PORT_MISMATCH(false),
    EXITED_DURING_STARTUP(true),
    HEALTH_TIMEOUT(true),
    UNHEALTHY_SERVICES(true),
    /** A connected backend exited: a reason to restart, when the restart policy says so. */
    BACKEND_EXITED(true),
    /** A connected backend failed its liveness checks and was stopped. */
    LIVENESS_FAILED(true),
    /** A launched backend's ready answer could not be proven to be its own (in time): another attempt may prove it. */
    OWNERSHIP_NOT_PROVEN(true),
    /** A backend of an app missed the timeout a dependant gives it: waiting longer is the user's call. */
    DEPENDENCY_NOT_READY(false),
    /** Too many restarts within the window: give up, and say why. */
    RESTART_LIMIT_REACHED(false);

    private final boolean retryable;

    FailureClass(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
