package io.lifeline.domain.port.in;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.StatusEvent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How an app's start was decided, or how its run ended.
 *
 * @param wasConnected whether every backend had been connected (or completed) at some point of the run
 * @param ready     each backend's {@code connected} or {@code completed} event, in the app's order, as far as they came
 * @param root      the backend whose failure decided it, with the event that says why
 * @param skipped   the backends the root's failure kept from launching
 * @param takenDown the backends that were running (or starting) and were stopped because of the root's failure
 */
public record AppOutcome(Kind kind, boolean wasConnected, List<StatusEvent> ready, Optional<Root> root, List<BackendName> skipped,
                         List<BackendName> takenDown) {

    public enum Kind {
        /** Every backend is connected, or completed for a one-shot job. */
        CONNECTED,
        /** A backend failed to start (or missed a dependant's timeout): the app did not start. */
        FAILED,
        /** A connected backend went down for good: its restart policy gave up or does not restart it. */
        GAVE_UP,
        /** Stopped on request; {@link #wasConnected()} says whether it had been connected first. */
        STOPPED
    }

    /** The backend at the root of a failure and its last event ({@code failed} or {@code disconnected}). */
    public record Root(BackendName backend, StatusEvent event) {
        public Root {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(event, "event");
        }
    }

    public AppOutcome {
        Objects.requireNonNull(kind, "kind");
        ready = List.copyOf(ready);
        Objects.requireNonNull(root, "root");
        skipped = List.copyOf(skipped);
        takenDown = List.copyOf(takenDown);
        if ((kind == Kind.FAILED || kind == Kind.GAVE_UP) != root.isPresent()) {
            throw new IllegalArgumentException("a root belongs to a failure, and a failure has one: " + kind);
        }
    }
}
