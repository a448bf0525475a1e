package io.lifeline.domain.port.in;

/**
 * Start the backend, or attach to one that already runs healthy. Every driving adapter (the CLI, a GUI, a test)
 * uses this one flow.
 */
public interface StartBackendUseCase {

    /** Returns at once; the start goes on in the background and reports through the session and status events. */
    BackendSession start(StartBackendCommand command);

    /**
     * As {@link #start(StartBackendCommand)}, with the first launch already under way: it must have been made for
     * {@code command}'s backend, endpoint and launch mode.
     */
    BackendSession start(StartBackendCommand command, HeadStart headStart);
}
