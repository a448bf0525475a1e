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
        /** Nothing to stop: no process has the pid. */
        NOT_RUNNING,
        /** The pid now belongs to a process that started at another time than recorded: left alone. */
        PID_REUSED,
        /** A process has the pid, but no start time was recorded to prove it is the recorded one: left alone. */
        UNPROVEN
    }

    /**
     * Signals nothing unless the process with the pid started when recorded.
     *
     * @param startedAt when the process started, as recorded; empty when the record does not say (then nothing is
     *                  signalled: a live pid alone proves nothing)
     */
    CompletionStage<Outcome> stop(long pid, Optional<Instant> startedAt, Duration grace);
}
