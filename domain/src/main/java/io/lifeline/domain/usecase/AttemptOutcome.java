package io.lifeline.domain.usecase;

import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.port.out.RunningBackend;

import java.util.List;

/** How one launch attempt ended. */
sealed interface AttemptOutcome {

    int attempt();

    /** Whether the retry policy may try again after this outcome. */
    default boolean retryable() {
        return this instanceof Failed failed && failed.failure().retryable();
    }

    record Ready(int attempt, RunningBackend backend, HealthVerdict verdict) implements AttemptOutcome {
    }

    record Failed(int attempt, StartupFailure failure, List<String> lastOutput) implements AttemptOutcome {
        public Failed {
            lastOutput = List.copyOf(lastOutput);
        }
    }

    /** Ended because the run was asked to stop. */
    record Cancelled(int attempt) implements AttemptOutcome {
    }
}
