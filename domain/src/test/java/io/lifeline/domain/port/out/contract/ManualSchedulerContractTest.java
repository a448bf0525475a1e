package io.lifeline.domain.port.out.contract;

import io.lifeline.domain.port.out.Scheduler;
import io.lifeline.domain.testing.ManualClock;
import io.lifeline.domain.testing.ManualScheduler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain tests' manual scheduler keeps the same contract as the real one, on its manual clock. */
class ManualSchedulerContractTest extends SchedulerContract {

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);

    @Override
    protected Scheduler scheduler() {
        return scheduler;
    }

    @Override
    protected long nowNanos() {
        return Duration.between(ManualClock.DEFAULT_START, clock.instant()).toNanos();
    }

    @Override
    protected void letPassUntilDone(Duration delay, CompletableFuture<?> marker) {
        scheduler.advance(delay);
        assertThat(marker).as("done after advancing %s", delay).isDone();
    }
}
