package io.lifeline.adapter.process;

import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.LaunchFailed;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.port.out.RetryDecider.RetryCycle;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Resilience4j's answers for the domain's policies: the same delays, jitter and cap as {@link RetryPolicy}. */
class Resilience4jRetryDeciderTest {

    private static final StartupFailure CRASH = new ExitedDuringStartup(1, List.of("boom"));

    private final Resilience4jRetryDecider decider = new Resilience4jRetryDecider(() -> 0.5);

    @Test
    void givenTheDefaultPolicy_whenEveryAttemptFails_thenWaitsTwoThenFourSecondsThenNoMore() {
        RetryCycle cycle = decider.begin(RetryPolicy.DEFAULT);

        assertThat(cycle.afterFailure(CRASH)).contains(Duration.ofSeconds(2));
        assertThat(cycle.afterFailure(CRASH)).contains(Duration.ofSeconds(4));
        assertThat(cycle.afterFailure(CRASH)).as("three attempts made").isEmpty();
    }

    @Test
    void givenOneAttempt_whenItFails_thenNoRetry() {
        assertThat(decider.begin(RetryPolicy.DEFAULT.withMaxAttempts(1)).afterFailure(CRASH)).isEmpty();
    }

    @Test
    void givenAFailureThatIsNotRetryable_thenNoRetryWhateverTheAttemptsLeft() {
        StartupFailure missing = new LaunchFailed("python3 main.py", "not found");

        assertThat(decider.begin(RetryPolicy.DEFAULT).afterFailure(missing)).isEmpty();
    }

    @Test
    void givenManyAttempts_thenDelaysDoubleUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(8, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), 0.0);
        RetryCycle cycle = decider.begin(policy);

        List<Optional<Duration>> delays = IntStream.range(0, 8).mapToObj(i -> cycle.afterFailure(CRASH)).toList();

        assertThat(delays).containsExactly(Optional.of(Duration.ofSeconds(1)), Optional.of(Duration.ofSeconds(2)),
                Optional.of(Duration.ofSeconds(4)), Optional.of(Duration.ofSeconds(8)),
                Optional.of(Duration.ofSeconds(10)), Optional.of(Duration.ofSeconds(10)),
                Optional.of(Duration.ofSeconds(10)), Optional.empty());
    }

    @Test
    void givenJitter_thenTheRandomValueSpreadsTheDelayAsThePolicySays() {
        RetryPolicy jittery = RetryPolicy.DEFAULT.withJitter(0.5);

        Duration lowest = new Resilience4jRetryDecider(() -> 0.0).begin(jittery).afterFailure(CRASH).orElseThrow();
        Duration highest = new Resilience4jRetryDecider(() -> 0.999).begin(jittery).afterFailure(CRASH).orElseThrow();

        assertThat(lowest).isEqualTo(jittery.delayAfter(1, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(highest).isEqualTo(jittery.delayAfter(1, 0.999)).isGreaterThan(Duration.ofMillis(2_900));
    }

    @Test
    void givenTwoCycles_thenEachCountsItsOwnAttempts() {
        RetryCycle first = decider.begin(RetryPolicy.DEFAULT);
        first.afterFailure(CRASH);
        first.afterFailure(CRASH);

        RetryCycle restart = decider.begin(RetryPolicy.DEFAULT);

        assertThat(restart.afterFailure(CRASH)).contains(Duration.ofSeconds(2));
        assertThat(first.afterFailure(CRASH)).isEmpty();
    }
}
