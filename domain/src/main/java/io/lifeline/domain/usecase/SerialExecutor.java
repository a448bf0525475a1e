package io.lifeline.domain.usecase;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time, in the order they were submitted, on an underlying executor; no lock. A task submitted
 * while one runs is queued and runs after it, on the same drain, never inside it. Over a direct executor (tests) this
 * trampolines on the caller's thread; over a single thread (the CLI) that thread is the run's driver thread. Once the
 * underlying executor refuses work (it was shut down at exit), this one is closed: later tasks are dropped, never
 * thrown back at the adapter thread that submitted them.
 */
final class SerialExecutor implements Executor {

    private final Executor underlying;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean closed;

    SerialExecutor(Executor underlying) {
        this.underlying = Objects.requireNonNull(underlying, "underlying");
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            return;
        }
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            try {
                underlying.execute(this::drain);
            } catch (RejectedExecutionException shutDown) {
                closed = true;
                tasks.clear();
            }
        }
    }

    /** Whether the underlying executor refused work: nothing submitted from now on runs. */
    boolean closed() {
        return closed;
    }

    private void drain() {
        do {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (Throwable bug) {
                // A task must handle its own failures; one that does not must not stall the tasks behind it.
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, bug);
            }
        } while (pending.decrementAndGet() != 0);
    }
}
