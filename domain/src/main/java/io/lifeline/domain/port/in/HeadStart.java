package io.lifeline.domain.port.in;

import io.lifeline.domain.port.out.BackendLauncher.LaunchRequest;
import io.lifeline.domain.port.out.BackendLauncher.LaunchResult;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A first launch a front end began before the run, because nothing listened on the port: the backend boots while the
 * rest of the front end sets itself up. The run takes it as its first attempt instead of checking the port and
 * launching; everything after (readiness, retries, supervision) is the run's as always.
 *
 * @param request     what was launched; the run's correlation id is the request's
 * @param firstLaunch the launch under way
 */
public record HeadStart(LaunchRequest request, CompletionStage<LaunchResult> firstLaunch) {
    public HeadStart {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(firstLaunch, "firstLaunch");
    }

    /**
     * For a head start no run takes: its backend is killed as soon as it is up, so nothing outlives the front end.
     * Completes when it is gone (or was never launched).
     */
    public CompletionStage<Void> abandon() {
        return firstLaunch.thenCompose(result -> result instanceof LaunchResult.Launched launched
                ? launched.backend().kill() : CompletableFuture.<Void>completedFuture(null));
    }
}
