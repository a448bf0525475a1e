package io.lifeline.domain.usecase;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** One task at a time, in submission order, never one inside another: what the run's driver relies on. */
class SerialExecutorTest {

    private final List<String> log = new ArrayList<>();
    private final List<Runnable> handedOver = new ArrayList<>();
    /** An underlying executor the test runs by hand, to see when a drain is handed over. */
    private final Executor manual = handedOver::add;

    @Test
    void givenTasksSubmittedFromInsideATask_thenEachRunsAfterTheCurrentOneInOrder() {
        SerialExecutor serial = new SerialExecutor(Runnable::run);

        serial.execute(() -> {
            log.add("first starts");
            serial.execute(() -> log.add("second"));
            serial.execute(() -> log.add("third"));
            log.add("first ends");
        });

        assertThat(log).containsExactly("first starts", "first ends", "second", "third");
    }

    @Test
    void givenATaskRunning_whenMoreAreSubmitted_thenNoSecondDrainIsHandedOver() {
        SerialExecutor serial = new SerialExecutor(manual);

        serial.execute(() -> log.add("a"));
        serial.execute(() -> log.add("b"));

        assertThat(handedOver).as("one drain for both tasks").hasSize(1);
        handedOver.get(0).run();
        assertThat(log).containsExactly("a", "b");

        serial.execute(() -> log.add("c"));
        assertThat(handedOver).as("the queue ran dry, so the next task starts a new drain").hasSize(2);
        handedOver.get(1).run();
        assertThat(log).containsExactly("a", "b", "c");
    }

    @Test
    void givenATaskThatThrows_thenTheTasksBehindItStillRun() {
        SerialExecutor serial = new SerialExecutor(manual);
        serial.execute(() -> {
            throw new IllegalStateException("a bug in a task");
        });
        serial.execute(() -> log.add("after"));
        Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
        List<Throwable> reported = new ArrayList<>();
        Thread.currentThread().setUncaughtExceptionHandler((thread, error) -> reported.add(error));
        try {
            assertThatNoException().isThrownBy(() -> handedOver.get(0).run());
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(previous);
        }

        assertThat(log).containsExactly("after");
        assertThat(reported).singleElement().extracting(Throwable::getMessage).isEqualTo("a bug in a task");
        serial.execute(() -> log.add("later"));
        assertThat(handedOver).hasSize(2);
    }

    @Test
    void givenTheUnderlyingExecutorWasShutDown_thenTasksAreDroppedQuietlyFromThenOn() {
        SerialExecutor serial = new SerialExecutor(task -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        });

        assertThatNoException().isThrownBy(() -> serial.execute(() -> log.add("never")));
        assertThatNoException().isThrownBy(() -> serial.execute(() -> log.add("never either")));

        assertThat(serial.closed()).isTrue();
        assertThat(log).isEmpty();
    }

    @Test
    void givenATaskThatThrowsAnError_thenTheTasksBehindItStillRun() {
        SerialExecutor serial = new SerialExecutor(manual);
        serial.execute(() -> {
            throw new AssertionError("an error, not an exception");
        });
        serial.execute(() -> log.add("after"));
        Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((thread, error) -> { });
        try {
            handedOver.get(0).run();
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(previous);
        }

        assertThat(log).containsExactly("after");
    }
}
