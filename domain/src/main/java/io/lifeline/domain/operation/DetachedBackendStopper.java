package io.lifeline.domain.operation;

import io.lifeline.domain.port.in.StopDetachedBackendUseCase;
import io.lifeline.domain.port.out.ProcessControl;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link StopDetachedBackendUseCase} over the process control port: signals a pid only when its start time proves it
 * is still the recorded process.
 */
public final class DetachedBackendStopper implements StopDetachedBackendUseCase {

    private final ProcessControl processes;

    public DetachedBackendStopper(ProcessControl processes) {
        this.processes = Objects.requireNonNull(processes, "processes");
    }

    @Override
    public CompletionStage<Outcome> stop(long pid, Optional<Instant> startedAt, Duration grace) {
        return switch (RecordedProcess.match(processes, pid, startedAt)) {
            case GONE -> CompletableFuture.completedFuture(Outcome.NOT_RUNNING);
            case UNPROVEN -> CompletableFuture.completedFuture(Outcome.UNPROVEN);
            case REUSED -> CompletableFuture.completedFuture(Outcome.PID_REUSED);
            case SAME -> processes.stopTree(pid, grace).thenApply(stopped -> Outcome.STOPPED);
        };
    }
}
