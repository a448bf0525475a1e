package io.lifeline.adapter.process;

import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.port.out.RetryExecutor.RetryListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real scheduler, tiny delays (20 ms, 40 ms): the waits are real but take no meaningful time. */
class Resilience4jRetryExecutorTest {

    private static final String SCHEDULER_THREAD = "retry-test-scheduler";
    private static final RetryPolicy THREE_ATTEMPTS_FROM_20_MS =
            new RetryPolicy(3, Duration.ofMillis(20), 2.0, Duration.ofSeconds(1), 0.0);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, SCHEDULER_THREAD);
        thread.setDaemon(true);
        return thread;
    });
    private final Resilience4jRetryExecutor executor = new Resilience4jRetryExecutor(scheduler, () -> 0.5);

    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final List<Retry> retries = new CopyOnWriteArrayList<>();
    private final RetryListener listener = (nextAttempt, delay) -> retries.add(new Retry(nextAttempt, delay));

    @AfterEach
    void stopScheduler() throws InterruptedException {
        scheduler.shutdownNow();
        assertThat(scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void givenEveryAttemptFailsRetryably_whenExecuting_thenTriesMaxAttemptsWithBackoffAndReturnsTheLastResult()
            throws Exception {
        CompletionStage<String> result = executor.execute(THREE_ATTEMPTS_FROM_20_MS,
                recorded(number -> "failed " + number), this::isFailure, listener);

        assertThat(valueOf(result)).isEqualTo("failed 3");
        assertThat(attemptNumbers()).containsExactly(1, 2, 3);
        assertThat(retries).containsExactly(new Retry(2, Duration.ofMillis(20)), new Retry(3, Duration.ofMillis(40)));
    }

    @Test
    void givenNonRetryableResult_whenExecuting_thenOneAttemptAndNoRetry() throws Exception {
        CompletionStage<String> result = executor.execute(THREE_ATTEMPTS_FROM_20_MS,
                recorded(number -> "healthy " + number), this::isFailure, listener);

        assertThat(valueOf(result)).isEqualTo("healthy 1");
        assertThat(attemptNumbers()).containsExactly(1);
        assertThat(retries).isEmpty();
    }

    @Test
    void givenSecondAttemptSucceeds_whenExecuting_thenStopsAfterTwoAttempts() throws Exception {
        CompletionStage<String> result = executor.execute(THREE_ATTEMPTS_FROM_20_MS,
                recorded(number -> number == 1 ? "failed 1" : "healthy " + number), this::isFailure, listener);

        assertThat(valueOf(result)).isEqualTo("healthy 2");
        assertThat(attemptNumbers()).containsExactly(1, 2);
        assertThat(retries).containsExactly(new Retry(2, Duration.ofMillis(20)));
    }

    @Test
    void givenSingleAttemptPolicy_whenAttemptFailsRetryably_thenItsResultIsReturnedWithoutRetry() throws Exception {
        CompletionStage<String> result = executor.execute(THREE_ATTEMPTS_FROM_20_MS.withMaxAttempts(1),
                recorded(number -> "failed " + number), this::isFailure, listener);

        assertThat(valueOf(result)).isEqualTo("failed 1");
        assertThat(attemptNumbers()).containsExactly(1);
        assertThat(retries).isEmpty();
    }

    @Test
    void givenJitter_whenRetrying_thenTheDelayIsSpreadByTheRandomValue() throws Exception {
        Resilience4jRetryExecutor lowestRandom = new Resilience4jRetryExecutor(scheduler, () -> 0.0);

        CompletionStage<String> result = lowestRandom.execute(THREE_ATTEMPTS_FROM_20_MS.withJitter(0.5),
                recorded(number -> number == 1 ? "failed 1" : "healthy " + number), this::isFailure, listener);

        assertThat(valueOf(result)).isEqualTo("healthy 2");
        assertThat(retries).containsExactly(new Retry(2, Duration.ofMillis(10)));
    }

    @Test
    void givenRetry_whenWaiting_thenTheNextAttemptRunsOnTheSchedulerNoSoonerThanTheDelay() throws Exception {
        CompletionStage<String> result = executor.execute(THREE_ATTEMPTS_FROM_20_MS,
                recorded(number -> number == 1 ? "failed 1" : "healthy " + number), this::isFailure, listener);

        assertThat(valueOf(result)).isEqualTo("healthy 2");
        assertThat(attempts.get(0).thread()).isEqualTo(Thread.currentThread().getName());
        assertThat(attempts.get(1).thread()).isEqualTo(SCHEDULER_THREAD);
        assertThat(Duration.ofNanos(attempts.get(1).startedNanos() - attempts.get(0).startedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(20));
    }

    @Test
    void givenAttemptCompletesExceptionally_whenExecuting_thenNotRetriedAndTheFailureSurfaces() {
        IllegalStateException bug = new IllegalStateException("bug in the attempt");

        CompletionStage<String> result = executor.execute(THREE_ATTEMPTS_FROM_20_MS,
                recordedStage(number -> CompletableFuture.failedFuture(bug)), this::isFailure, listener);

        assertThatThrownBy(() -> valueOf(result)).isInstanceOf(ExecutionException.class).cause().isSameAs(bug);
        assertThat(attemptNumbers()).containsExactly(1);
        assertThat(retries).isEmpty();
    }

    @Test
    void givenLaterAttemptCompletesExceptionally_whenExecuting_thenStopsThereAndTheFailureSurfaces() {
        IllegalStateException bug = new IllegalStateException("bug in the second attempt");

        CompletionStage<String> result = executor.execute(THREE_ATTEMPTS_FROM_20_MS,
                recordedStage(number -> number == 1
                        ? CompletableFuture.completedFuture("failed 1")
                        : CompletableFuture.failedFuture(bug)),
                this::isFailure, listener);

        assertThatThrownBy(() -> valueOf(result)).isInstanceOf(ExecutionException.class).cause().isSameAs(bug);
        assertThat(attemptNumbers()).containsExactly(1, 2);
    }

    @Test
    void givenLaterAttemptThrowsInsteadOfReturningAStage_whenExecuting_thenTheFailureSurfaces() {
        IllegalStateException bug = new IllegalStateException("bug thrown by the second attempt");

        CompletionStage<String> result = executor.execute(THREE_ATTEMPTS_FROM_20_MS,
                recordedStage(number -> {
                    if (number == 1) {
                        return CompletableFuture.completedFuture("failed 1");
                    }
                    throw bug;
                }),
                this::isFailure, listener);

        assertThatThrownBy(() -> valueOf(result)).isInstanceOf(ExecutionException.class).cause().isSameAs(bug);
    }

    @Test
    void givenFirstAttemptThrowsInsteadOfReturningAStage_whenExecuting_thenTheReturnedStageFails() {
        IllegalStateException bug = new IllegalStateException("bug thrown by the first attempt");

        CompletionStage<String> result = executor.execute(THREE_ATTEMPTS_FROM_20_MS,
                recordedStage(number -> {
                    throw bug;
                }),
                this::isFailure, listener);

        assertThatThrownBy(() -> valueOf(result)).isInstanceOf(ExecutionException.class).cause().isSameAs(bug);
    }

    private boolean isFailure(String result) {
        return result.startsWith("failed");
    }

    private IntFunction<CompletionStage<String>> recorded(IntFunction<String> outcome) {
        return recordedStage(number -> CompletableFuture.completedFuture(outcome.apply(number)));
    }

    private IntFunction<CompletionStage<String>> recordedStage(IntFunction<CompletionStage<String>> outcome) {
        return number -> {
            attempts.add(new Attempt(number, Thread.currentThread().getName(), System.nanoTime()));
            return outcome.apply(number);
        };
    }

    private List<Integer> attemptNumbers() {
        return attempts.stream().map(Attempt::number).toList();
    }

    private static <T> T valueOf(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private record Attempt(int number, String thread, long startedNanos) {
    }

    private record Retry(int nextAttempt, Duration delay) {
    }
}
