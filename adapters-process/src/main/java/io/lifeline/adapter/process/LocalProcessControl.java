package io.lifeline.adapter.process;

import io.lifeline.domain.port.out.ProcessControl;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link ProcessControl} on this machine's processes, with the same tree stop as a backend this run started. */
public final class LocalProcessControl implements ProcessControl {

    @Override
    public Optional<Instant> startOf(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(handle -> handle.info().startInstant());
    }

    @Override
    public CompletionStage<Void> stopTree(long pid, Duration grace) {
        return ProcessHandle.of(pid)
                .map(handle -> new ProcessTreeStopper(handle).stop(grace))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
    }
}
