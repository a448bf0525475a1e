package io.lifeline.adapter.process;

import io.lifeline.domain.port.out.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A single-threaded executor runs due tasks in order of their due time, so a later "marker" task having run proves
 * that every earlier one has run, or never will: no sleeping needed.
 */
class ScheduledExecutorSchedulerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final Scheduler scheduler = new ScheduledExecutorScheduler(executor);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void givenScheduledTasks_whenDue_thenRunInOrderOfTheirDelay() throws Exception {
        scheduler.schedule(Duration.ofMillis(20), () -> ran.add("later"));
        scheduler.schedule(Duration.ofMillis(10), () -> ran.add("sooner"));

        marker(Duration.ofMillis(30)).get(5, TimeUnit.SECONDS);

        assertThat(ran).containsExactly("sooner", "later");
    }

    @Test
    void givenCancelledTask_whenItWouldBeDue_thenItNeverRuns() throws Exception {
        Scheduler.Cancellable cancellable = scheduler.schedule(Duration.ofMillis(10), () -> ran.add("cancelled"));

        cancellable.cancel();
        marker(Duration.ofMillis(20)).get(5, TimeUnit.SECONDS);

        assertThat(ran).isEmpty();
    }

    @Test
    void givenTaskThatThrows_whenItRuns_thenLaterTasksStillRun() throws Exception {
        scheduler.schedule(Duration.ofMillis(10), () -> {
            throw new IllegalStateException("scheduled bug");
        });
        scheduler.schedule(Duration.ofMillis(20), () -> ran.add("after the failure"));

        marker(Duration.ofMillis(30)).get(5, TimeUnit.SECONDS);

        assertThat(ran).containsExactly("after the failure");
    }

    private CompletableFuture<Void> marker(Duration delay) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.schedule(delay, () -> done.complete(null));
        return done;
    }
}
