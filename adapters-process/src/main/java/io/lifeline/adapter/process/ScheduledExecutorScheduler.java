package io.lifeline.adapter.process;

import io.lifeline.domain.port.out.Scheduler;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The domain's {@link Scheduler} on a real {@link ScheduledExecutorService}. */
public final class ScheduledExecutorScheduler implements Scheduler {

    private final ScheduledExecutorService executor;

    public ScheduledExecutorScheduler(ScheduledExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Runnable logged = () -> {
            try {
                task.run();
            } catch (RuntimeException | Error failure) {
                // A scheduled future would swallow this silently; a bug must show up in the log.
                LoggerFactory.getLogger(ScheduledExecutorScheduler.class).error("scheduled task failed", failure);
                throw failure;
            }
        };
        ScheduledFuture<?> future = executor.schedule(logged, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
