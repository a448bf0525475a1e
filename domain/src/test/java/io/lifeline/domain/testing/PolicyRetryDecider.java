package io.lifeline.domain.testing;

import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.port.out.RetryDecider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link RetryDecider} contract without a library: each failure of a cycle counts one attempt; while attempts
 * remain the wait is {@link RetryPolicy#delayAfter} with the random value fixed at {@value #RANDOM}, so jitter never
 * moves the delay. Records every wait it handed out.
 */
public final class PolicyRetryDecider implements RetryDecider {

    /** The middle of [0, 1): {@code delayAfter(n, 0.5)} is the un-jittered delay. */
    public static final double RANDOM = 0.5;

    private final List<Duration> delays = new ArrayList<>();

    @Override
    public RetryCycle begin(RetryPolicy policy) {
        int[] failed = {0};
        return failure -> {
            failed[0]++;
            if (failed[0] >= policy.maxAttempts()) {
                return Optional.empty();
            }
            Duration delay = policy.delayAfter(failed[0], RANDOM);
            delays.add(delay);
            return Optional.of(delay);
        };
    }

    /** Every wait this decider handed out, in order. */
    public List<Duration> delays() {
        return List.copyOf(delays);
    }

    /** For tests that need a failure to decide on. */
    public static StartupFailure aRetryableFailure() {
        return new ExitedDuringStartup(1, List.of());
    }
}
