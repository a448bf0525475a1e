package io.lifeline.domain.port.out;

import io.lifeline.domain.model.RetryPolicy;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Runs attempts under a {@link RetryPolicy}: calls {@code attempt} with 1, 2, ... until a result is not to be
 * retried or the attempts are used up, waiting {@link RetryPolicy#delayAfter} in between. The last result is the
 * result. Kept behind a port so the domain does not depend on the retry library (see docs/adr/0002).
 */
public interface RetryExecutor {

    <T> CompletionStage<T> execute(RetryPolicy policy, IntFunction<CompletionStage<T>> attempt,
                                   Predicate<T> retryOn, RetryListener listener);

    /** Told before each wait, so the front end can say "retrying in 2s". */
    @FunctionalInterface
    interface RetryListener {
        void beforeRetry(int nextAttempt, Duration delay);
    }
}
