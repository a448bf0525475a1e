package io.lifeline.domain.testing;

import io.lifeline.domain.port.out.Scheduler.Cancellable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManualSchedulerTest {

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<String> ran = new ArrayList<>();
    private final List<Instant> ranAt = new ArrayList<>();

    @Test
    void givenTaskDueLater_whenAdvancingLessThanItsDelay_thenItDoesNotRunButTheClockMoves() {
        scheduler.schedule(Duration.ofSeconds(2), record("a"));

        scheduler.advance(Duration.ofMillis(1999));

        assertThat(ran).isEmpty();
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(1999));
    }

    @Test
    void givenTasksOutOfOrder_whenAdvancingPastAll_thenTheyRunInDueOrderWithTheClockAtTheirDueTime() {
        scheduler.schedule(Duration.ofSeconds(3), record("third"));
        scheduler.schedule(Duration.ofSeconds(1), record("first"));
        scheduler.schedule(Duration.ofSeconds(2), record("second"));

        scheduler.advance(Duration.ofSeconds(10));

        assertThat(ran).containsExactly("first", "second", "third");
        assertThat(ranAt).containsExactly(clock.at(seconds(1)), clock.at(seconds(2)), clock.at(seconds(3)));
        assertThat(clock.elapsed()).isEqualTo(seconds(10));
    }

    @Test
    void givenTasksDueAtTheSameInstant_whenTheyFallDue_thenTheyRunInTheOrderTheyWereScheduled() {
        scheduler.schedule(seconds(1), record("a"));
        scheduler.schedule(seconds(1), record("b"));
        scheduler.schedule(seconds(1), record("c"));

        scheduler.advance(seconds(1));

        assertThat(ran).containsExactly("a", "b", "c");
    }

    @Test
    void givenTaskThatSchedulesAnother_whenBothFallDueWithinOneAdvance_thenBothRunInOrder() {
        scheduler.schedule(seconds(1), () -> {
            record("outer").run();
            scheduler.schedule(seconds(1), record("inner"));
        });
        scheduler.schedule(Duration.ofMillis(1500), record("middle"));

        scheduler.advance(seconds(5));

        assertThat(ran).containsExactly("outer", "middle", "inner");
        assertThat(ranAt).containsExactly(clock.at(seconds(1)), clock.at(Duration.ofMillis(1500)),
                clock.at(seconds(2)));
    }

    @Test
    void givenTaskScheduledByATaskBeyondTheAdvance_whenAdvancing_thenItWaitsForTheNextAdvance() {
        scheduler.schedule(seconds(1), () -> scheduler.schedule(seconds(5), record("later")));

        scheduler.advance(seconds(2));
        assertThat(ran).isEmpty();

        scheduler.advance(seconds(4));
        assertThat(ran).containsExactly("later");
        assertThat(ranAt).containsExactly(clock.at(seconds(6)));
    }

    @Test
    void givenCancelledTask_whenItWouldFallDue_thenItDoesNotRun() {
        Cancellable cancellable = scheduler.schedule(seconds(1), record("cancelled"));
        scheduler.schedule(seconds(1), record("kept"));

        cancellable.cancel();
        scheduler.advance(seconds(1));

        assertThat(ran).containsExactly("kept");
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void givenZeroDelay_whenScheduled_thenItRunsOnlyWhenDueTasksAreRun() {
        scheduler.schedule(Duration.ZERO, record("now"));
        assertThat(ran).isEmpty();

        scheduler.runDueTasks();

        assertThat(ran).containsExactly("now");
        assertThat(clock.elapsed()).isZero();
    }

    @Test
    void givenPendingTask_whenAdvancingToTheNextTask_thenTimeMovesExactlyToIt() {
        scheduler.schedule(Duration.ofMillis(750), record("a"));

        Duration step = scheduler.advanceToNextTask();

        assertThat(step).isEqualTo(Duration.ofMillis(750));
        assertThat(ran).containsExactly("a");
        assertThat(scheduler.timeUntilNextTask()).isEmpty();
    }

    @Test
    void givenTasksThatThrow_whenAdvancing_thenLaterTasksStillRunAndTheFirstFailureIsRethrownAtTheEnd() {
        IllegalStateException first = new IllegalStateException("first bug");
        IllegalStateException second = new IllegalStateException("second bug");
        scheduler.schedule(seconds(1), () -> {
            throw first;
        });
        scheduler.schedule(seconds(2), record("between"));
        scheduler.schedule(seconds(3), () -> {
            throw second;
        });
        scheduler.schedule(seconds(4), record("after"));

        assertThatThrownBy(() -> scheduler.advance(seconds(10))).isSameAs(first).hasSuppressedException(second);

        assertThat(ran).containsExactly("between", "after");
        assertThat(clock.elapsed()).isEqualTo(seconds(10));
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void givenNegativeDelay_whenScheduling_thenRejected() {
        assertThatThrownBy(() -> scheduler.schedule(seconds(-1), record("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenManualClock_whenAdvancedBackwards_thenRejected() {
        assertThatThrownBy(() -> clock.advance(seconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    private Runnable record(String name) {
        return () -> {
            ran.add(name);
            ranAt.add(clock.instant());
        };
    }

    private static Duration seconds(long value) {
        return Duration.ofSeconds(value);
    }
}
