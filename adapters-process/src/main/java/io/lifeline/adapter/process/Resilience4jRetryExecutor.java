package io.lifeline.adapter.process;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.port.out.RetryExecutor;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Runs the domain's {@link RetryPolicy} with Resilience4j's asynchronous retry, on a scheduler we own: no thread
 * sleeps between attempts, and no JVM-global sleep hook is involved. The delays come from
 * {@link RetryPolicy#delayAfter}, so the schedule the domain tests is the schedule that runs. See docs/adr/0002.
 */
public final class Resilience4jRetryExecutor implements RetryExecutor {

    private final ScheduledExecutorService scheduler;
    private final DoubleSupplier random;

    public Resilience4jRetryExecutor(ScheduledExecutorService scheduler) {
        this(scheduler, () -> ThreadLocalRandom.current().nextDouble());
    }

    Resilience4jRetryExecutor(ScheduledExecutorService scheduler, DoubleSupplier random) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public <T> CompletionStage<T> execute(RetryPolicy policy, IntFunction<CompletionStage<T>> attempt,
                                          Predicate<T> retryOn, RetryListener listener) {
        IntervalBiFunction<T> backoff = (failedAttempts, lastResult) ->
                policy.delayAfter(failedAttempts, random.getAsDouble()).toMillis();
        RetryConfig config = RetryConfig.<T>custom()
                .maxAttempts(policy.maxAttempts())
                .intervalBiFunction(backoff)
                .retryOnResult(result -> decide(retryOn, result))
                // An attempt that throws is a bug, not a backend failure: surface it instead of retrying.
                .retryOnException(error -> false)
                .failAfterMaxAttempts(false)
                .build();
        Retry retry = Retry.of("backend-start", config);
        retry.getEventPublisher().onRetry(event ->
                listener.beforeRetry(event.getNumberOfRetryAttempts() + 1, event.getWaitInterval()));
        AtomicInteger attempts = new AtomicInteger();
        return Retry.decorateCompletionStage(retry, scheduler, () -> guarded(attempt, attempts.incrementAndGet()))
                .get();
    }

    /**
     * Resilience4j does not catch an attempt that throws instead of returning a failed stage: on a scheduled retry
     * the returned stage would never complete. Turn it into a failed stage, which is not retried.
     */
    private static <T> CompletionStage<T> guarded(IntFunction<CompletionStage<T>> attempt, int number) {
        try {
            return attempt.apply(number);
        } catch (RuntimeException bug) {
            return CompletableFuture.failedFuture(bug);
        }
    }

    private static <T> boolean decide(Predicate<T> retryOn, T result) {
        try {
            return retryOn.test(result);
        } catch (RuntimeException bug) {
            LoggerFactory.getLogger(Resilience4jRetryExecutor.class).error("retry predicate failed; not retrying", bug);
            return false;
        }
    }
}
