package io.lifeline.domain.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Ends a backend that an earlier run left running (a detached start), with its whole tree. */
public interface StopDetachedBackendUseCase {

    enum Outcome {
        /** It ran, and its process tree was stopped (terminate, then kill after the grace period). */
        STOPPED,
        /** Nothing to stop: the pid is gone, or now belongs to another process, which is left alone. */
        NOT_RUNNING
    }

    /** @param startedAt when the process started, as recorded; empty when unknown and the pid alone decides */
    CompletionStage<Outcome> stop(long pid, Optional<Instant> startedAt, Duration grace);
}
