package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.StatusEvent;

import java.util.Objects;

/** What the {@link AppMachine} reacts to: the front end's requests, its backends' runs, and its timers. */
sealed interface AppEvent {

    record Begin() implements AppEvent {
    }

    /** A backend's process was spawned: from its {@code launching} event. */
    record Launched(BackendName backend) implements AppEvent {
    }

    /** A backend is connected: its first {@code connected} event, or the one after a restart. */
    record Ready(StatusEvent.Connected event) implements AppEvent {
        public Ready {
            Objects.requireNonNull(event, "event");
        }
    }

    /** A connected backend went down and its own restart policy restarts it: a {@code retrying} with a restart. */
    record Down(BackendName backend) implements AppEvent {
    }

    /** A backend's run is over: {@code completed}, {@code failed}, {@code disconnected} or {@code stopped}. */
    record Ended(StatusEvent end) implements AppEvent {
        public Ended {
            Objects.requireNonNull(end, "end");
        }
    }

    /** The timeout a dependant gives one of its dependencies passed. */
    record DeadlinePassed(BackendName dependant, Dependency dependency) implements AppEvent {
    }

    record StopRequested() implements AppEvent {
    }

    record KillRequested() implements AppEvent {
    }
}
