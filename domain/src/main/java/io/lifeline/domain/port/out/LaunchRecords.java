package io.lifeline.domain.port.out;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.model.LaunchRecord;

import java.time.Instant;
import java.util.Optional;

/**
 * The launch records Lifeline runs leave for the ports they launched on: written by the start when it launches, read
 * by a later run to prove a backend is ours, removed when the run ends (a detached backend's stays for
 * {@code lifeline stop}). Never throws: unreadable is empty, unwritable leaves the proof missing.
 */
@FunctionalInterface
public interface LaunchRecords {

    Optional<LaunchRecord> find(Endpoint endpoint);

    /**
     * Keeps the record of a backend this run launched, replacing one it does not trust or whose process is gone; the
     * record of another run's backend that still runs stays.
     */
    default void keep(LaunchRecord record, CorrelationId correlationId, Instant launchedAt, LaunchMode mode) {
        // Records nothing: a run whose launches nobody needs to prove later.
    }

    /** The run is over: the record of {@code endpoint} goes when it names one of {@code pids}, this run's launches. */
    default void forget(Endpoint endpoint, java.util.Set<Long> pids) {
        // Nothing was kept.
    }
}
