package io.lifeline.domain.port.in;

/**
 * Start the backend, or attach to one that already runs healthy. Every driving adapter (the CLI, a GUI, a test)
 * uses this one flow.
 */
public interface StartBackendUseCase {

    /** Returns at once; the start goes on in the background and reports through the session and status events. */
    BackendSession start(StartBackendCommand command);
}
