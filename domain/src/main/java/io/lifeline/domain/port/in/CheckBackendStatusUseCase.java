package io.lifeline.domain.port.in;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.Ownership;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** One look at a backend, wherever it came from, and at the process an earlier run left behind. */
public interface CheckBackendStatusUseCase {

    /** One health request; never completes exceptionally (see {@link io.lifeline.domain.port.out.HealthProbe}). */
    CompletionStage<HealthObservation> probeOnce(Endpoint endpoint, CorrelationId correlationId, Duration timeout);

    /**
     * Who serves the endpoint and whether that is shown to be ours, by the proofs a start attaches on (never
     * completes exceptionally).
     */
    CompletionStage<Ownership> owner(StartBackendCommand command, HealthReport report);

    /** When the process with this pid started, if it runs: what a run records so a later check knows it again. */
    Optional<Instant> startOf(long pid);

    /**
     * Whether the process that was recorded still runs: the pid runs, and it started when it was recorded to (a pid
     * the system has since given to another process does not count).
     *
     * @param startedAt when the process started, as recorded; empty when that is unknown and the pid alone decides
     */
    boolean stillRunning(long pid, Optional<Instant> startedAt);
}
