package io.lifeline.domain.model;

/**
 * The settings a remedy can point the user to. The domain names them; each front end says how its user changes them
 * ({@link SettingNames}): the CLI as a flag, a GUI as a field.
 */
public enum RemedySetting {
    PORT,
    BACKEND_DIR,
    /** The backend's program and arguments. */
    COMMAND,
    /** Where the backend's command runs. */
    WORKING_DIR,
    /** The program that runs the backend, when it is not found by itself. */
    INTERPRETER,
    STARTUP_TIMEOUT,
    /** How long one health request may take; a proof of ownership gets it too. */
    HEALTH_TIMEOUT,
    /** Whether a backend already on the port is attached to, and on which proof. */
    ATTACH,
    /** The path of the backend's health endpoint. */
    HEALTH_PATH,
    /** The line of output that says the backend is ready. */
    READY_LINE,
    LIVENESS_THRESHOLD,
    ACCEPT_DEGRADED
}
