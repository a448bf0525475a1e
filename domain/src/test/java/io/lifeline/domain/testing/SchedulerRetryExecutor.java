package io.lifeline.domain.testing;

import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.port.out.RetryExecutor;
import io.lifeline.domain.port.out.Scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The {@link RetryExecutor} contract on a {@link Scheduler}, no library and no threads: call attempt 1; if its result
 * is to be retried and attempts remain, tell the listener, wait {@link RetryPolicy#delayAfter} (with the random value
 * fixed at {@value #RANDOM}, so jitter never moves the delay), then call the next attempt; otherwise complete with the
 * result. An attempt that fails exceptionally ends the run with that exception.
 */
public final class SchedulerRetryExecutor implements RetryExecutor {

    /** The middle of [0, 1): {@code delayAfter(n, 0.5)} is the un-jittered delay. */
    public static final double RANDOM = 0.5;

    private final Scheduler scheduler;
    private final List<Duration> delays = new ArrayList<>();

    public SchedulerRetryExecutor(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public <T> CompletionStage<T> execute(RetryPolicy policy, IntFunction<CompletionStage<T>> attempt,
                                          Predicate<T> retryOn, RetryListener listener) {
        CompletableFuture<T> result = new CompletableFuture<>();
        run(1, policy, attempt, retryOn, listener, result);
        return result;
    }

    /** Every wait this executor scheduled, in order. */
    public List<Duration> delays() {
        return List.copyOf(delays);
    }

    private <T> void run(int number, RetryPolicy policy, IntFunction<CompletionStage<T>> attempt,
                         Predicate<T> retryOn, RetryListener listener, CompletableFuture<T> result) {
        CompletionStage<T> stage;
        try {
            stage = attempt.apply(number);
        } catch (RuntimeException error) {
            result.completeExceptionally(error);
            return;
        }
        stage.whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else if (retryOn.test(value) && number < policy.maxAttempts()) {
                Duration delay = policy.delayAfter(number, RANDOM);
                delays.add(delay);
                listener.beforeRetry(number + 1, delay);
                scheduler.schedule(delay, () -> run(number + 1, policy, attempt, retryOn, listener, result));
            } else {
                result.complete(value);
            }
        });
    }
}
