package io.lifeline.domain.usecase;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time, in the order they were submitted, on an underlying executor; no lock. A task submitted
 * while one runs is queued and runs after it, on the same drain, never inside it. Over a direct executor (tests) this
 * trampolines on the caller's thread; over a single thread (the CLI) that thread is the run's driver thread.
 */
final class SerialExecutor implements Executor {

    private final Executor underlying;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    SerialExecutor(Executor underlying) {
        this.underlying = Objects.requireNonNull(underlying, "underlying");
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
        if (pending.getAndIncrement() == 0) {
            underlying.execute(this::drain);
        }
    }

    private void drain() {
        do {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (RuntimeException bug) {
                // A task must handle its own failures; one that does not must not stall the tasks behind it.
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, bug);
            }
        } while (pending.decrementAndGet() != 0);
    }
}
