package io.lifeline.adapter.process;

import io.lifeline.domain.port.out.Scheduler;
import io.lifeline.domain.port.out.contract.SchedulerContract;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real scheduler against the scheduler contract, on a single-threaded executor and the monotonic clock. */
class ScheduledExecutorSchedulerContractTest extends SchedulerContract {

    /** Bounds a wait for a marker task; not a performance goal. */
    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final Scheduler scheduler = new ScheduledExecutorScheduler(executor);

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Override
    protected Scheduler scheduler() {
        return scheduler;
    }

    @Override
    protected long nowNanos() {
        // The clock ScheduledThreadPoolExecutor itself measures delays with.
        return System.nanoTime();
    }

    @Override
    protected void letPassUntilDone(Duration delay, CompletableFuture<?> marker) {
        try {
            marker.get(delay.plus(GIVE_UP).toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception notDone) {
            throw new AssertionError("the marker task did not run within " + delay.plus(GIVE_UP), notDone);
        }
    }
}
