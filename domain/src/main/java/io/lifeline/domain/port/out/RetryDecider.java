package io.lifeline.domain.port.out;

import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.StartupFailure;

import java.time.Duration;
import java.util.Optional;

/**
 * Decides, attempt by attempt, whether a failed start is tried again and how long to wait first, under a
 * {@link RetryPolicy}. Kept behind a port so the domain does not depend on the retry library (see docs/adr/0002);
 * shaped for an event loop: nothing here waits or runs attempts, the run asks after each failure.
 */
@FunctionalInterface
public interface RetryDecider {

    /** A fresh count for one launch cycle (the start, or one restart). */
    RetryCycle begin(RetryPolicy policy);

    /** The attempts of one launch cycle. Used from one thread at a time. */
    @FunctionalInterface
    interface RetryCycle {

        /**
         * The attempt just made failed with {@code failure}, which is retryable: the wait before the next attempt
         * ({@link RetryPolicy#delayAfter} of the attempts made so far), or empty when no attempt is left.
         */
        Optional<Duration> afterFailure(StartupFailure failure);
    }
}
