package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.AppOutcome;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@link AppMachine} knows of one app run: where the app and each backend stand, and what the outcome will
 * say. A value: every transition makes a new one.
 *
 * @param phases  each backend's phase, in the app's order
 * @param ready   each backend's latest {@code connected} or {@code completed} event
 * @param ending  how the run ends, once a failure or a stop request decided it
 */
record AppRun(Stage stage, Map<BackendName, BackendPhase> phases, Map<BackendName, StatusEvent> ready,
              boolean wasConnected, Optional<AppOutcome.Kind> ending, Optional<AppOutcome.Root> root,
              List<BackendName> skipped, List<BackendName> takenDown) {

    /** The app as a whole. */
    enum Stage {
        /** Not every backend is ready yet. */
        STARTING,
        /** Every backend was ready or completed; supervision goes on. */
        CONNECTED,
        /** A failure or a stop request: backends are stopped in reverse order. */
        STOPPING,
        /** Nothing runs. */
        OVER
    }

    AppRun {
        phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
        ready = Collections.unmodifiableMap(new LinkedHashMap<>(ready));
        skipped = List.copyOf(skipped);
        takenDown = List.copyOf(takenDown);
    }

    static AppRun initial(List<BackendName> names) {
        Map<BackendName, BackendPhase> phases = new LinkedHashMap<>();
        names.forEach(name -> phases.put(name, BackendPhase.WAITING));
        return new AppRun(Stage.STARTING, phases, Map.of(), false, Optional.empty(), Optional.empty(), List.of(),
                List.of());
    }

    BackendPhase phase(BackendName name) {
        return phases.get(name);
    }

    AppOutcome outcome(List<BackendName> order) {
        List<StatusEvent> events = order.stream().filter(ready::containsKey).map(ready::get).toList();
        return new AppOutcome(ending.orElse(AppOutcome.Kind.CONNECTED), wasConnected, events, root, skipped,
                takenDown);
    }
}
