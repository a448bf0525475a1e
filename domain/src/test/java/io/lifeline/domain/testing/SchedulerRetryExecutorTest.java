package io.lifeline.domain.testing;

import io.lifeline.domain.model.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static io.lifeline.domain.testing.Futures.isDone;
import static io.lifeline.domain.testing.Futures.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The fake executor must honour the {@code RetryExecutor} contract, or the use case tests prove nothing. */
class SchedulerRetryExecutorTest {

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final SchedulerRetryExecutor executor = new SchedulerRetryExecutor(scheduler);
    private final List<Instant> attemptTimes = new ArrayList<>();
    private final List<String> retries = new ArrayList<>();

    @Test
    void givenFirstAttemptSucceeds_whenExecuting_thenNoRetryAndItsResult() {
        CompletionStage<String> result = executor.execute(RetryPolicy.DEFAULT, number -> attempt("ok"),
                "fail"::equals, this::onRetry);

        assertThat(resultOf(result)).isEqualTo("ok");
        assertThat(attemptTimes).hasSize(1);
        assertThat(retries).isEmpty();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void givenEveryAttemptFails_whenExecuting_thenThreeAttemptsAfterTwoAndFourSecondsAndTheLastResult() {
        CompletionStage<String> result = executor.execute(RetryPolicy.DEFAULT, number -> attempt("fail"),
                "fail"::equals, this::onRetry);

        assertThat(isDone(result)).isFalse();
        assertThat(retries).containsExactly("2 after PT2S");

        scheduler.advance(Duration.ofSeconds(2));
        assertThat(retries).containsExactly("2 after PT2S", "3 after PT4S");
        scheduler.advance(Duration.ofSeconds(4));

        assertThat(resultOf(result)).isEqualTo("fail");
        assertThat(attemptTimes).containsExactly(clock.at(Duration.ZERO), clock.at(Duration.ofSeconds(2)),
                clock.at(Duration.ofSeconds(6)));
        assertThat(executor.delays()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void givenSecondAttemptSucceeds_whenExecuting_thenItsResultAndNoThirdAttempt() {
        List<String> answers = new ArrayList<>(List.of("fail", "ok", "never"));

        CompletionStage<String> result = executor.execute(RetryPolicy.DEFAULT,
                number -> attempt(answers.remove(0)), "fail"::equals, this::onRetry);
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(resultOf(result)).isEqualTo("ok");
        assertThat(attemptTimes).hasSize(2);
        assertThat(retries).containsExactly("2 after PT2S");
    }

    @Test
    void givenJitter_whenRetrying_thenTheDelayIsTheUnjitteredOne() {
        RetryPolicy jittery = RetryPolicy.DEFAULT.withJitter(0.5).withMaxAttempts(2);

        executor.execute(jittery, number -> attempt("fail"), "fail"::equals, this::onRetry);

        assertThat(executor.delays()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void givenAttemptNumbers_whenRetrying_thenAttemptsAreCalledWithOneTwoThree() {
        List<Integer> numbers = new ArrayList<>();

        executor.execute(RetryPolicy.DEFAULT, number -> {
            numbers.add(number);
            return attempt("fail");
        }, "fail"::equals, this::onRetry);
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(numbers).containsExactly(1, 2, 3);
    }

    @Test
    void givenSingleAttemptPolicy_whenItFails_thenNoRetry() {
        CompletionStage<String> result = executor.execute(RetryPolicy.DEFAULT.withMaxAttempts(1),
                number -> attempt("fail"), "fail"::equals, this::onRetry);

        assertThat(resultOf(result)).isEqualTo("fail");
        assertThat(retries).isEmpty();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void givenAttemptFailsExceptionally_whenExecuting_thenTheRunFailsWithoutRetry() {
        CompletionStage<String> result = executor.execute(RetryPolicy.DEFAULT,
                number -> CompletableFuture.failedFuture(new IllegalStateException("boom")), "fail"::equals,
                this::onRetry);

        assertThat(result.toCompletableFuture()).isCompletedExceptionally();
        assertThat(retries).isEmpty();
    }

    private CompletionStage<String> attempt(String answer) {
        attemptTimes.add(clock.instant());
        return CompletableFuture.completedFuture(answer);
    }

    private void onRetry(int next, Duration delay) {
        retries.add(next + " after " + delay);
    }
}
