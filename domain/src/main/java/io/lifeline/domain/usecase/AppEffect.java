package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.AppOutcome;

import java.util.List;

/** What the {@link AppMachine} asks its driver to do, in order. */
sealed interface AppEffect {

    /** Begin the backend's run (check its port, attach or launch, and so on: its own machine). */
    record Start(BackendName backend) implements AppEffect {
    }

    /** Stop the backend's run: its whole tree, with its own stop grace. */
    record Stop(BackendName backend) implements AppEffect {
    }

    /** Kill these backends' trees at once. */
    record Kill(List<BackendName> backends) implements AppEffect {
        public Kill {
            backends = List.copyOf(backends);
        }
    }

    /** Tell the machine when the dependant's wait for this dependency passes its timeout. */
    record ArmDeadline(BackendName dependant, Dependency dependency) implements AppEffect {
    }

    /** An event of the app's own: a backend skipped, or stopped before it was launched. */
    record Publish(StatusEvent event) implements AppEffect {
    }

    /** The start is decided. */
    record Decide(AppOutcome outcome) implements AppEffect {
    }

    /** The run is over: nothing of it runs. */
    record Finish(AppOutcome outcome) implements AppEffect {
    }
}
