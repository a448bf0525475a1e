package io.lifeline.domain.testing;

import io.lifeline.domain.port.out.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} driven by the test: nothing runs until {@link #advance(Duration)}, which moves the
 * {@link ManualClock} to each due task in turn, runs it, and ends at the target time. Tasks that due tasks schedule
 * run in the same advance if they fall due within it. Tasks due at the same instant run in the order they were
 * scheduled. A task that throws does not stop the others: the advance runs every task due and then rethrows the first
 * failure, so a bug in a task still fails the test. Single-threaded on purpose: a unit test never waits.
 */
public final class ManualScheduler implements Scheduler {

    private final ManualClock clock;
    private final PriorityQueue<Task> queue =
            new PriorityQueue<>(Comparator.comparing(Task::due).thenComparingLong(Task::sequence));
    private long nextSequence;
    private boolean advancing;

    public ManualScheduler(ManualClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(task, "task");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        Task scheduled = new Task(clock.instant().plus(delay), nextSequence++, task);
        queue.add(scheduled);
        return () -> queue.remove(scheduled);
    }

    /** Moves time forward by {@code amount}, running every task that falls due on the way, in due order. */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time only moves forward, was asked to move " + amount);
        }
        if (advancing) {
            throw new IllegalStateException("advance() called from inside a scheduled task");
        }
        Instant target = clock.instant().plus(amount);
        RuntimeException failed = null;
        advancing = true;
        try {
            while (!queue.isEmpty() && !queue.peek().due().isAfter(target)) {
                Task next = queue.poll();
                clock.advance(Duration.between(clock.instant(), next.due()));
                try {
                    next.action().run();
                } catch (RuntimeException taskFailure) {
                    // Like a real scheduler, one failing task does not stop the others; unlike it, the test hears.
                    if (failed == null) {
                        failed = taskFailure;
                    } else {
                        failed.addSuppressed(taskFailure);
                    }
                }
            }
            clock.advance(Duration.between(clock.instant(), target));
        } finally {
            advancing = false;
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** Runs what is due now (delay zero) without moving the clock. */
    public void runDueTasks() {
        advance(Duration.ZERO);
    }

    /** Moves to the next task and runs it (and anything else due then); returns how far time moved. */
    public Duration advanceToNextTask() {
        Duration step = timeUntilNextTask()
                .orElseThrow(() -> new IllegalStateException("nothing is scheduled"));
        advance(step);
        return step;
    }

    public Optional<Duration> timeUntilNextTask() {
        return Optional.ofNullable(queue.peek()).map(task -> Duration.between(clock.instant(), task.due()));
    }

    public int pendingTasks() {
        return queue.size();
    }

    /** When each pending task falls due, earliest first. */
    public List<Instant> pendingDueTimes() {
        List<Task> tasks = new ArrayList<>(queue);
        tasks.sort(queue.comparator());
        return tasks.stream().map(Task::due).toList();
    }

    private record Task(Instant due, long sequence, Runnable action) {
    }
}
