package io.lifeline.domain.usecase;

import io.lifeline.domain.model.StatusEvent;

import java.util.concurrent.CompletableFuture;

/** The futures a {@link io.lifeline.domain.port.in.BackendSession} hands out, and how a bug fails them all. */
final class SessionFutures {

    private final CompletableFuture<StatusEvent> started = new CompletableFuture<>();
    private final CompletableFuture<StatusEvent.Disconnected> disconnected = new CompletableFuture<>();
    private final CompletableFuture<StatusEvent> finished = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private boolean crashed;

    CompletableFuture<StatusEvent> started() {
        return started;
    }

    CompletableFuture<StatusEvent.Disconnected> disconnected() {
        return disconnected;
    }

    CompletableFuture<StatusEvent> finished() {
        return finished;
    }

    CompletableFuture<Void> stopped() {
        return stopped;
    }

    boolean crashed() {
        return crashed;
    }

    /**
     * A rule or a port broke its contract: a bug, since every expected outcome is a value. Nothing may wait forever
     * on this run, so every open future fails with the cause; {@code stop()} fails once what the run started is gone.
     */
    void crash(Throwable bug, EffectCarrier effects) {
        if (crashed) {
            return;
        }
        crashed = true;
        started.completeExceptionally(bug);
        disconnected.completeExceptionally(bug);
        finished.completeExceptionally(bug);
        effects.abandon().whenComplete((done, error) -> stopped.completeExceptionally(bug));
    }
}
