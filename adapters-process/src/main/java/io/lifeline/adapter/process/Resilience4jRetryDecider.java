package io.lifeline.adapter.process;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.port.out.RetryDecider;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Resilience4j decides: one {@link Retry.AsyncContext} per launch cycle counts the failed attempts and answers each
 * with the wait before the next one or "no more" ({@code -1}). Nothing here waits or runs attempts: the run's event
 * loop asks after each failure and schedules the wait itself. The delays come from {@link RetryPolicy#delayAfter}, so
 * the schedule the domain tests is the schedule that runs. See docs/adr/0002.
 */
public final class Resilience4jRetryDecider implements RetryDecider {

    private static final String NAME = "backend-start";

    private final DoubleSupplier random;

    public Resilience4jRetryDecider() {
        this(() -> ThreadLocalRandom.current().nextDouble());
    }

    Resilience4jRetryDecider(DoubleSupplier random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public RetryCycle begin(RetryPolicy policy) {
        IntervalBiFunction<StartupFailure> backoff = (failedAttempts, lastResult) ->
                policy.delayAfter(failedAttempts, random.getAsDouble()).toMillis();
        RetryConfig config = RetryConfig.<StartupFailure>custom()
                .maxAttempts(policy.maxAttempts())
                .intervalBiFunction(backoff)
                .retryOnResult(failure -> failure.retryable())
                .failAfterMaxAttempts(false)
                .build();
        Retry.AsyncContext<StartupFailure> context = Retry.of(NAME, config).asyncContext();
        return failure -> {
            long waitMillis = context.onResult(failure);
            return waitMillis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(waitMillis));
        };
    }
}
