package io.lifeline.domain.port.in;

import io.lifeline.domain.model.BackendName;

import java.util.Map;

/**
 * Start an app: its backends in dependency order, each proven, supervised and reported; stopped in reverse order.
 * Every front end (the CLI, a GUI through {@code Lifeline.open}) uses this one flow.
 */
public interface StartAppUseCase {

    /** Returns at once; the start goes on in the background and reports through the session and status events. */
    AppSession start(AppPlan plan);

    /**
     * As {@link #start(AppPlan)}, with first launches already under way for some backends that wait for nothing: each
     * must have been made for that backend's command.
     */
    AppSession start(AppPlan plan, Map<BackendName, HeadStart> headStarts);
}
