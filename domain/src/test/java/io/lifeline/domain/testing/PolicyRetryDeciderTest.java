package io.lifeline.domain.testing;

import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.port.out.RetryDecider.RetryCycle;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.lifeline.domain.testing.PolicyRetryDecider.aRetryableFailure;
import static org.assertj.core.api.Assertions.assertThat;

/** The fake decider must honour the {@code RetryDecider} contract, or the use case tests prove nothing. */
class PolicyRetryDeciderTest {

    private final PolicyRetryDecider decider = new PolicyRetryDecider();

    @Test
    void givenTheDefaultPolicy_whenEveryAttemptFails_thenWaitsTwoThenFourSecondsThenNoMore() {
        RetryCycle cycle = decider.begin(RetryPolicy.DEFAULT);

        assertThat(cycle.afterFailure(aRetryableFailure())).contains(Duration.ofSeconds(2));
        assertThat(cycle.afterFailure(aRetryableFailure())).contains(Duration.ofSeconds(4));
        assertThat(cycle.afterFailure(aRetryableFailure())).isEmpty();
        assertThat(decider.delays()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void givenOneAttempt_whenItFails_thenNoRetry() {
        assertThat(decider.begin(RetryPolicy.DEFAULT.withMaxAttempts(1)).afterFailure(aRetryableFailure())).isEmpty();
    }

    @Test
    void givenANewCycle_thenTheCountStartsOver() {
        RetryCycle first = decider.begin(RetryPolicy.DEFAULT);
        first.afterFailure(aRetryableFailure());
        first.afterFailure(aRetryableFailure());

        assertThat(decider.begin(RetryPolicy.DEFAULT).afterFailure(aRetryableFailure()))
                .contains(Duration.ofSeconds(2));
    }
}
