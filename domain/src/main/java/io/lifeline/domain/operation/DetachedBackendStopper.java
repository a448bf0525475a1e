package io.lifeline.domain.operation;

import io.lifeline.domain.port.in.StopDetachedBackendUseCase;
import io.lifeline.domain.port.out.ProcessControl;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link StopDetachedBackendUseCase} over the process control port: checks the pid is still its process first. */
public final class DetachedBackendStopper implements StopDetachedBackendUseCase {

    private final ProcessControl processes;

    public DetachedBackendStopper(ProcessControl processes) {
        this.processes = Objects.requireNonNull(processes, "processes");
    }

    @Override
    public CompletionStage<Outcome> stop(long pid, Optional<Instant> startedAt, Duration grace) {
        if (!RecordedProcess.stillRunning(processes, pid, startedAt)) {
            return CompletableFuture.completedFuture(Outcome.NOT_RUNNING);
        }
        return processes.stopTree(pid, grace).thenApply(stopped -> Outcome.STOPPED);
    }
}
