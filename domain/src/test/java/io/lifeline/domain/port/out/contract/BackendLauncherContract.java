package io.lifeline.domain.port.out.contract;

import io.lifeline.domain.port.out.BackendLauncher.LaunchRequest;
import io.lifeline.domain.port.out.BackendLauncher.LaunchResult;
import io.lifeline.domain.port.out.BackendLauncher;
import io.lifeline.domain.port.out.RunningBackend;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What every {@link BackendLauncher} and the {@link RunningBackend}s it hands out do, the fakes as much as the real
 * process adapter: a launch never fails exceptionally; a backend's exit code and last output (bounded, oldest first)
 * are what it did; output listeners hear each line from the moment they are added; a stop ends the backend and is
 * idempotent; a kill ends it at once, even while a stop waits out its grace period.
 *
 * <p>Exit codes are the Unix ones a process gets from a signal: {@value #TERMINATED} after SIGTERM, {@value #KILLED}
 * after SIGKILL. Each implementation's test extends this and plays the backends: real scripts for the real
 * launcher, a script of fakes for the fake.
 */
public abstract class BackendLauncherContract {

    /** 128 + SIGTERM. */
    protected static final int TERMINATED = 143;
    /** 128 + SIGKILL. */
    protected static final int KILLED = 137;
    /** Bounds every wait, so a broken implementation fails instead of hanging; not a performance goal. */
    protected static final Duration COMPLETES_WITHIN = Duration.ofSeconds(20);
    /** Longer than any wait here: a stop that completes proves it did not wait out this grace. */
    private static final Duration LONG_GRACE = Duration.ofSeconds(60);

    /** The launcher under test. */
    protected abstract BackendLauncher launcher();

    /** A backend that writes {@code lines} to its output, one by one, and then exits with {@code exitCode}. */
    protected abstract LaunchRequest backendThatWritesAndExits(List<String> lines, int exitCode);

    /** A backend that runs until it is stopped or killed and writes a line when {@link #makeItWrite} says so. */
    protected abstract LaunchRequest backendThatRunsUntilStopped();

    /** Like {@link #backendThatRunsUntilStopped()}, but it ignores SIGTERM: only a kill ends it. */
    protected abstract LaunchRequest backendThatIgnoresTerminate();

    /** A backend that cannot be launched at all (its script is missing). */
    protected abstract LaunchRequest backendThatCannotBeLaunched();

    /** Returns once a launched backend has set itself up (e.g. its signal handlers), before the test goes on. */
    protected abstract void awaitReady(RunningBackend backend);

    /** Makes a running backend write {@code line}. */
    protected abstract void makeItWrite(RunningBackend backend, String line);

    @Test
    void givenBackendThatWritesAndExits_whenLaunched_thenItsExitCodeAndItsOutputInOrder() {
        List<String> lines = List.of("starting", "fatal: config.yaml is broken");

        RunningBackend backend = launched(backendThatWritesAndExits(lines, 3));

        assertThat(backend.pid()).isPositive();
        assertThat(backend.interpreter()).isNotBlank();
        assertThat(resultOf(backend.exitCode())).isEqualTo(3);
        assertThat(backend.lastOutput()).containsExactlyElementsOf(lines);
    }

    @Test
    void givenBackendThatWritesMoreThanIsKept_whenItHasExited_thenLastOutputIsTheNewestLinesOldestFirst() {
        List<String> lines = IntStream.range(0, 500).mapToObj(i -> "line " + i).toList();

        RunningBackend backend = launched(backendThatWritesAndExits(lines, 0));

        assertThat(resultOf(backend.exitCode())).isZero();
        List<String> kept = backend.lastOutput();
        assertThat(kept).as("bounded").isNotEmpty().hasSizeLessThan(lines.size());
        assertThat(kept).containsExactlyElementsOf(lines.subList(lines.size() - kept.size(), lines.size()));
    }

    @Test
    void givenBackendThatCannotBeLaunched_whenLaunching_thenNotLaunchedWithTheFailureInsteadOfAnException() {
        LaunchResult result = resultOf(launcher().launch(backendThatCannotBeLaunched()));

        assertThat(result).isInstanceOfSatisfying(LaunchResult.NotLaunched.class,
                notLaunched -> assertThat(notLaunched.failure().summary()).isNotBlank());
    }

    @Test
    void givenRunningBackend_whenItWrites_thenEveryListenerHearsEachLineInOrderWhileItRuns() throws Exception {
        RunningBackend backend = launchedAndReady(backendThatRunsUntilStopped());
        Hearing first = new Hearing(2);
        Hearing second = new Hearing(2);
        backend.onOutput(first);
        backend.onOutput(second);

        makeItWrite(backend, "first");
        makeItWrite(backend, "second");

        assertThat(first.heardAll()).containsExactly("first", "second");
        assertThat(second.heardAll()).containsExactly("first", "second");
        assertThat(backend.lastOutput()).containsExactly("first", "second");
        assertThat(backend.exitCode().toCompletableFuture()).as("still running").isNotDone();
        stopQuietly(backend);
    }

    @Test
    void givenListenerAddedLater_whenTheBackendWritesOn_thenItHearsOnlyTheLinesFromThenOn() throws Exception {
        RunningBackend backend = launchedAndReady(backendThatRunsUntilStopped());
        Hearing early = new Hearing(1);
        backend.onOutput(early);
        makeItWrite(backend, "before");
        assertThat(early.heardAll()).containsExactly("before");

        Hearing late = new Hearing(1);
        backend.onOutput(late);
        makeItWrite(backend, "after");

        assertThat(late.heardAll()).containsExactly("after");
        stopQuietly(backend);
    }

    @Test
    void givenRunningBackend_whenStopped_thenItIsTerminatedAndStoppingAgainIsDoneAtOnce() {
        RunningBackend backend = launchedAndReady(backendThatRunsUntilStopped());

        resultOf(backend.stop(Duration.ofSeconds(5)));

        assertThat(backend.exitCode().toCompletableFuture()).as("exited once stop completes")
                .isCompletedWithValue(TERMINATED);
        assertThat(backend.stop(Duration.ofSeconds(5)).toCompletableFuture()).as("second stop").isDone();
    }

    @Test
    void givenBackendThatHasExitedByItself_whenStopped_thenStopCompletesAndTheExitCodeStays() {
        RunningBackend backend = launched(backendThatWritesAndExits(List.of("bye"), 3));
        assertThat(resultOf(backend.exitCode())).isEqualTo(3);

        resultOf(backend.stop(Duration.ofSeconds(5)));

        assertThat(backend.exitCode().toCompletableFuture()).isCompletedWithValue(3);
    }

    @Test
    void givenRunningBackend_whenKilled_thenItEndsWithTheKillExitCode() {
        RunningBackend backend = launchedAndReady(backendThatRunsUntilStopped());

        resultOf(backend.kill());

        assertThat(backend.exitCode().toCompletableFuture()).isCompletedWithValue(KILLED);
    }

    @Test
    void givenStopWaitingOutItsGrace_whenKilled_thenKillAndStopCompleteWithoutWaitingForTheGrace() {
        RunningBackend backend = launchedAndReady(backendThatIgnoresTerminate());
        CompletableFuture<Void> stop = backend.stop(LONG_GRACE).toCompletableFuture();
        assertThat(stop).as("waiting out the grace of a backend that ignores SIGTERM").isNotDone();

        resultOf(backend.kill());

        resultOf(stop);
        assertThat(backend.exitCode().toCompletableFuture()).isCompletedWithValue(KILLED);
    }

    // ---- helpers ----

    private RunningBackend launched(LaunchRequest request) {
        LaunchResult result = resultOf(launcher().launch(request));
        assertThat(result).isInstanceOf(LaunchResult.Launched.class);
        return ((LaunchResult.Launched) result).backend();
    }

    private RunningBackend launchedAndReady(LaunchRequest request) {
        RunningBackend backend = launched(request);
        awaitReady(backend);
        return backend;
    }

    private static void stopQuietly(RunningBackend backend) {
        resultOf(backend.stop(Duration.ofSeconds(5)));
    }

    /** The stage's value; fails the test if it completes exceptionally or not within {@link #COMPLETES_WITHIN}. */
    protected static <T> T resultOf(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(COMPLETES_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException broken) {
            return fail("completed exceptionally", broken.getCause());
        } catch (TimeoutException hung) {
            return fail("did not complete within " + COMPLETES_WITHIN);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return fail("interrupted", interrupted);
        }
    }

    /** An output listener that can wait, without sleeping, until it has heard a number of lines. */
    private static final class Hearing implements Consumer<String> {
        private final List<String> heard = new CopyOnWriteArrayList<>();
        private final CountDownLatch expected;

        Hearing(int lines) {
            expected = new CountDownLatch(lines);
        }

        @Override
        public void accept(String line) {
            heard.add(line);
            expected.countDown();
        }

        List<String> heardAll() throws InterruptedException {
            assertThat(expected.await(COMPLETES_WITHIN.toMillis(), TimeUnit.MILLISECONDS))
                    .as("heard the expected lines in time; heard %s", heard).isTrue();
            return List.copyOf(heard);
        }
    }
}
