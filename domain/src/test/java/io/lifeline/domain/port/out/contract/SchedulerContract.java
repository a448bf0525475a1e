package io.lifeline.domain.port.out.contract;

import io.lifeline.domain.port.out.Scheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Scheduler} does, the manual one of the domain tests as much as the real one: a task runs once,
 * not before its delay; tasks run in the order they fall due, and tasks with the same delay in the order they were
 * scheduled; a cancelled task never runs; a task that throws does not stop later ones (it may be passed on to the
 * caller that drives the scheduler, as the manual one does).
 *
 * <p>Nothing here depends on how fast the machine is: each ordering compares tasks whose due times are ordered
 * whatever the time between two {@code schedule} calls, and a "has it run?" question is answered by a later marker
 * task having run, not by waiting.
 */
public abstract class SchedulerContract {

    /** The scheduler under test. */
    protected abstract Scheduler scheduler();

    /** The scheduler's own notion of now (a manual clock, or a monotonic one), as nanoseconds from any origin. */
    protected abstract long nowNanos();

    /**
     * Lets {@code delay} pass on the scheduler's time (or at least that long) and returns once {@code marker} is
     * complete; fails the test if it does not complete.
     */
    protected abstract void letPassUntilDone(Duration delay, CompletableFuture<?> marker);

    @Test
    void givenDelay_whenScheduled_thenTaskRunsOnceAndNotBeforeTheDelay() {
        Duration delay = Duration.ofMillis(150);
        List<Long> ranAt = new CopyOnWriteArrayList<>();
        long scheduledAt = nowNanos();

        scheduler().schedule(delay, () -> ranAt.add(nowNanos()));
        CompletableFuture<Void> marker = marker(delay.plusMillis(50));
        letPassUntilDone(delay.plusMillis(50), marker);

        assertThat(ranAt).hasSize(1);
        assertThat(Duration.ofNanos(ranAt.get(0) - scheduledAt)).isGreaterThanOrEqualTo(delay);
    }

    @Test
    void givenTasksScheduledWithGrowingDelays_whenDue_thenRunInDueOrder() {
        List<String> ran = new CopyOnWriteArrayList<>();

        scheduler().schedule(Duration.ofMillis(10), () -> ran.add("first"));
        scheduler().schedule(Duration.ofMillis(40), () -> ran.add("second"));
        scheduler().schedule(Duration.ofMillis(70), () -> ran.add("third"));
        CompletableFuture<Void> marker = marker(Duration.ofMillis(100));
        letPassUntilDone(Duration.ofMillis(100), marker);

        assertThat(ran).containsExactly("first", "second", "third");
    }

    @Test
    void givenTasksWithTheSameDelay_whenDue_thenRunInTheOrderScheduled() {
        List<Integer> ran = new CopyOnWriteArrayList<>();

        for (int task = 1; task <= 5; task++) {
            int number = task;
            scheduler().schedule(Duration.ofMillis(20), () -> ran.add(number));
        }
        CompletableFuture<Void> marker = marker(Duration.ofMillis(20));
        letPassUntilDone(Duration.ofMillis(20), marker);

        assertThat(ran).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void givenZeroDelay_whenScheduled_thenTaskRuns() {
        CompletableFuture<Void> ran = new CompletableFuture<>();

        scheduler().schedule(Duration.ZERO, () -> ran.complete(null));
        letPassUntilDone(Duration.ZERO, ran);

        assertThat(ran).isDone();
    }

    @Test
    void givenCancelledTask_whenItWouldBeDue_thenItNeverRuns() {
        List<String> ran = new CopyOnWriteArrayList<>();
        Scheduler.Cancellable cancellable = scheduler().schedule(Duration.ofMillis(20), () -> ran.add("cancelled"));
        scheduler().schedule(Duration.ofMillis(20), () -> ran.add("kept"));

        cancellable.cancel();
        CompletableFuture<Void> marker = marker(Duration.ofMillis(40));
        letPassUntilDone(Duration.ofMillis(40), marker);

        assertThat(ran).containsExactly("kept");
    }

    @Test
    void givenTaskAlreadyRun_whenCancelled_thenNothingHappens() {
        CompletableFuture<Void> ran = new CompletableFuture<>();
        Scheduler.Cancellable cancellable = scheduler().schedule(Duration.ZERO, () -> ran.complete(null));
        letPassUntilDone(Duration.ZERO, ran);

        cancellable.cancel();

        assertThat(ran).isCompleted();
    }

    @Test
    void givenTaskThatThrows_whenItRuns_thenLaterTasksStillRun() {
        List<String> ran = new CopyOnWriteArrayList<>();
        scheduler().schedule(Duration.ofMillis(10), () -> {
            throw new IllegalStateException("scheduled bug");
        });
        scheduler().schedule(Duration.ofMillis(20), () -> ran.add("after the failure"));

        CompletableFuture<Void> marker = marker(Duration.ofMillis(30));
        try {
            letPassUntilDone(Duration.ofMillis(30), marker);
        } catch (IllegalStateException passedOn) {
            // It may pass the failure on to whoever drives it (the manual one does, after running the rest).
            assertThat(passedOn).hasMessage("scheduled bug");
        }

        assertThat(ran).containsExactly("after the failure");
        assertThat(marker).isDone();
    }

    /** A task that completes the returned future; it falls due after every task scheduled before with less delay. */
    private CompletableFuture<Void> marker(Duration delay) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler().schedule(delay, () -> done.complete(null));
        return done;
    }
}
