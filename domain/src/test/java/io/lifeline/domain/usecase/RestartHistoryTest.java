package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendExited;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.RestartLimitReached;
import io.lifeline.domain.model.RestartPolicy;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.testing.StartupFailures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restart arithmetic on its own: the sliding window (systemd's StartLimitBurst within StartLimitIntervalSec),
 * the backoff counter and its reset after a stable period, and the report when giving up.
 */
class RestartHistoryTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private static final CorrelationId RUN = new CorrelationId("backend-startup-1735725600000");

    private final Held history = new Held(RestartHistory.of(RestartPolicy.DEFAULT, RUN));

    /**
     * The window counts backend time: wall time minus the backoff Lifeline waited. With the default backoff the
     * waits alone (2 + 4 + 8 + 16 + 32 s) exceed the default 60 s window, so a wall-clock window could never be
     * filled by a crash loop.
     */
    @Nested
    class Window {

        /** One second between restarts, so backend time is easy to follow: wall time minus one second a restart. */
        private final RestartPolicy oneSecond = new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, Duration.ofSeconds(1),
                1.0, Duration.ofSeconds(1), 0.0, 5, Duration.ofSeconds(60), Duration.ofSeconds(30));
        private final Held fixed = new Held(RestartHistory.of(oneSecond, RUN));

        @Test
        void givenNoRestartYet_thenARestartIsAllowed() {
            assertThat(history.allowsRestartAt(T0)).isTrue();
        }

        @Test
        void givenACrashLoopUnderTheDefaultBackoff_thenTheSixthDownIsRefused() {
            // Each relaunched backend crashes 1 s after the wait: downs at 0, 3, 8, 17, 34 and 67 s wall time.
            long[] downs = {0, 3_000, 8_000, 17_000, 34_000};
            for (long down : downs) {
                assertThat(history.allowsRestartAt(at(down))).isTrue();
                history.restartAt(at(down));
            }

            assertThat(history.allowsRestartAt(at(67_000))).as("67 s wall, but only 5 s of backend time").isFalse();
        }

        @Test
        void givenFiveQuickCrashes_thenTheSixthIsRefused() {
            for (int i = 0; i < 5; i++) {
                fixed.restartAt(at(i * 2_000L));
            }

            assertThat(fixed.allowsRestartAt(at(10_000))).isFalse();
        }

        @Test
        void givenFourRestarts_thenAFifthIsAllowed() {
            for (int i = 0; i < 4; i++) {
                fixed.restartAt(at(i * 2_000L));
            }

            assertThat(fixed.allowsRestartAt(at(8_000))).isTrue();
        }

        @Test
        void givenABackendThatRunsLongEnough_thenTheOldestRestartsLeaveTheWindow() {
            // Restarts at backend time 0, 20, 40, 60, 80 s: each backend ran 20 s before it went down.
            for (int i = 0; i < 5; i++) {
                fixed.restartAt(at(i * 21_000L));
            }

            assertThat(fixed.allowsRestartAt(at(105_000))).as("backend time 100 s: only 60 and 80 s are in it")
                    .isTrue();
        }

        /** Documented: the window is (now - window, now] in backend time; exactly one window ago has left it. */
        @Test
        void givenFiveRestarts_whenTheFirstIsExactlyAWindowAgoInBackendTime_thenItNoLongerCounts() {
            for (int i = 0; i < 5; i++) {
                fixed.restartAt(at(i * 1_000L));
            }
            // Five seconds were waited, so backend time 60 s is wall time 65 s.
            assertThat(fixed.allowsRestartAt(at(64_999))).isFalse();
            assertThat(fixed.allowsRestartAt(at(65_000))).isTrue();
        }

        @Test
        void givenALimitOfOne_thenASecondRestartWithinTheWindowIsRefused() {
            Held strict = new Held(RestartHistory.of(oneSecond.withLimit(1, Duration.ofSeconds(10)), RUN));
            strict.restartAt(T0);

            assertThat(strict.allowsRestartAt(at(10_999))).isFalse();
            assertThat(strict.allowsRestartAt(at(11_000))).isTrue();
        }

        @Test
        void givenAStablePeriod_thenTheWindowStillCountsEveryRestart() {
            for (int i = 0; i < 5; i++) {
                fixed.restartAt(at(i * 2_000L));
            }

            fixed.stable();

            assertThat(fixed.allowsRestartAt(at(10_000))).isFalse();
        }
    }

    @Nested
    class Backoff {

        @Test
        void givenRestartsInARow_thenNumberedFromOneWithDoublingDelaysCappedAtTheMaximum() {
            List<Taken> restarts = IntStream.range(0, 7)
                    .mapToObj(i -> history.restartAt(at(i * 1_000L))).toList();

            assertThat(restarts).containsExactly(
                    restart(1, 2), restart(2, 4), restart(3, 8), restart(4, 16), restart(5, 32), restart(6, 60),
                    restart(7, 60));
        }

        @Test
        void givenTwoRestartsThenAStablePeriod_whenRestartingAgain_thenNumberOneWithTheInitialDelay() {
            assertThat(history.restartAt(T0)).isEqualTo(restart(1, 2));
            assertThat(history.restartAt(at(2_000))).isEqualTo(restart(2, 4));

            history.stable();

            assertThat(history.restartAt(at(40_000))).isEqualTo(restart(1, 2));
            assertThat(history.restartAt(at(42_000))).isEqualTo(restart(2, 4));
        }

        @Test
        void givenJitter_thenDelaysStayInRangeAndTheSameRunGetsTheSameDelays() {
            RestartPolicy jittery = new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, Duration.ofSeconds(2), 2.0,
                    Duration.ofSeconds(60), 0.5, 5, Duration.ofSeconds(60), Duration.ofSeconds(30));
            Held first = new Held(RestartHistory.of(jittery, RUN));
            Held again = new Held(RestartHistory.of(jittery, RUN));

            List<Duration> delays = IntStream.range(0, 3).mapToObj(i -> first.restartAt(at(i)).delay()).toList();
            List<Duration> repeated = IntStream.range(0, 3).mapToObj(i -> again.restartAt(at(i)).delay()).toList();

            assertThat(delays).isEqualTo(repeated);
            assertThat(delays.get(0)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
            assertThat(delays.get(1)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
            assertThat(delays.get(2)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(12));
        }
    }

    @Nested
    class GivingUp {

        @Test
        void givenDowns_whenGivingUp_thenTheLimitTheWindowAndEveryDownOldestFirst() {
            StartupFailure crash = exited(1, "RuntimeError: boom");
            StartupFailure liveness = StartupFailures.livenessFailed();
            StartupFailure segfault = exited(139, "Segmentation fault");
            history.wentDown(crash);
            history.wentDown(liveness);
            history.wentDown(segfault);

            StartupFailure gaveUp = history.giveUp();

            assertThat(gaveUp).isEqualTo(new RestartLimitReached(5, Duration.ofSeconds(60),
                    List.of(crash.summary(), liveness.summary(), segfault.summary())));
            assertThat(gaveUp.details()).containsExactly("Backend exited with code 1: RuntimeError: boom",
                    liveness.summary(), "Backend exited with code 139: Segmentation fault");
            assertThat(gaveUp.summary())
                    .isEqualTo("Gave up: the backend went down again after 5 restarts within 1m");
            assertThat(gaveUp.retryable()).isFalse();
        }

        @Test
        void givenMoreDownsThanTheLimitAllowsPlusOne_whenGivingUp_thenOnlyTheLastLimitPlusOneAreKept() {
            Held small = new Held(RestartHistory.of(RestartPolicy.DEFAULT.withLimit(2, Duration.ofSeconds(10)), RUN));
            for (int down = 1; down <= 5; down++) {
                small.wentDown(exited(1, "crash " + down));
            }

            assertThat(small.giveUp().details()).containsExactly("Backend exited with code 1: crash 3",
                    "Backend exited with code 1: crash 4", "Backend exited with code 1: crash 5");
        }

        @Test
        void givenNoDownRecorded_whenGivingUp_thenNoDetails() {
            assertThat(history.giveUp().details()).isEmpty();
        }
    }

    @Nested
    class Deciding {

        @Test
        void givenOnFailure_whenTheBackendExitsCleanly_thenNoRestartButTheDownIsRemembered() {
            StartupFailure clean = exited(0, "bye");

            RestartHistory.Decision decision = RestartHistory.of(RestartPolicy.DEFAULT, RUN)
                    .afterDown(clean, OptionalInt.of(0), T0);

            assertThat(decision).isInstanceOf(RestartHistory.NoRestart.class);
            assertThat(decision.history().downs()).containsExactly(clean.summary());
        }

        @Test
        void givenOnFailure_whenTheBackendCrashes_thenTheFirstRestartWithTheInitialDelay() {
            RestartHistory.Decision decision = RestartHistory.of(RestartPolicy.DEFAULT, RUN)
                    .afterDown(exited(1, "boom"), OptionalInt.of(1), T0);

            assertThat(decision).isInstanceOfSatisfying(RestartHistory.Restart.class, restart -> {
                assertThat(restart.number()).isEqualTo(1);
                assertThat(restart.delay()).isEqualTo(Duration.ofSeconds(2));
            });
        }

        @Test
        void givenNever_whenLivenessFails_thenNoRestart_andGivenAlwaysACleanExitRestarts() {
            RestartHistory never = RestartHistory.of(RestartPolicy.NEVER, RUN);
            RestartHistory always = RestartHistory.of(RestartPolicy.DEFAULT.withMode(RestartPolicy.Mode.ALWAYS), RUN);

            assertThat(never.afterDown(StartupFailures.livenessFailed(), OptionalInt.of(143), T0))
                    .isInstanceOf(RestartHistory.NoRestart.class);
            assertThat(RestartHistory.of(RestartPolicy.DEFAULT, RUN)
                    .afterDown(StartupFailures.livenessFailed(), OptionalInt.of(0), T0))
                    .as("a liveness failure is a failure, whatever the exit code")
                    .isInstanceOf(RestartHistory.Restart.class);
            assertThat(always.afterDown(exited(0, "bye"), OptionalInt.of(0), T0))
                    .isInstanceOf(RestartHistory.Restart.class);
        }

        @Test
        void givenTheWindowIsFull_whenTheBackendGoesDownAgain_thenGiveUpWithEveryDown() {
            RestartPolicy limitOne = RestartPolicy.DEFAULT.withLimit(1, Duration.ofSeconds(60));
            RestartHistory.Decision first = RestartHistory.of(limitOne, RUN)
                    .afterDown(exited(1, "crash 1"), OptionalInt.of(1), T0);

            RestartHistory.Decision second = first.history().afterDown(exited(1, "crash 2"), OptionalInt.of(1),
                    at(3_000));

            assertThat(second).isInstanceOfSatisfying(RestartHistory.GiveUp.class, giveUp ->
                    assertThat(giveUp.failure().details()).containsExactly(
                            "Backend exited with code 1: crash 1", "Backend exited with code 1: crash 2"));
        }
    }

    @Nested
    class Jitter {

        @Test
        void givenJitter_thenEachRestartTakesTheNextValueOfTheRunsOwnRandomSequence() {
            RestartPolicy jittery = RestartPolicy.DEFAULT.withLimit(100, Duration.ofSeconds(60))
                    .withBackoff(new io.lifeline.domain.model.Backoff(Duration.ofSeconds(2), 2.0,
                            Duration.ofSeconds(600), 0.5));
            java.util.SplittableRandom sequence = new java.util.SplittableRandom(RUN.value().hashCode());
            Held held = new Held(RestartHistory.of(jittery, RUN));

            for (int restart = 1; restart <= 4; restart++) {
                Duration expected = jittery.delayBefore(restart, sequence.nextDouble());
                assertThat(held.restartAt(at(restart * 100_000L)).delay()).as("restart " + restart)
                        .isEqualTo(expected);
            }
        }

        @Test
        void givenRestartsSpreadFarApart_thenOnlyThoseInsideTheWindowAreKept() {
            Held held = new Held(RestartHistory.of(RestartPolicy.DEFAULT, RUN));

            for (int restart = 0; restart < 10; restart++) {
                held.restartAt(at(restart * 600_000L));
            }

            assertThat(held.history.restartTimes()).hasSize(1);
        }
    }

    // ---- helpers ----

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    private static Taken restart(int number, long delaySeconds) {
        return new Taken(number, Duration.ofSeconds(delaySeconds));
    }

    private record Taken(int number, Duration delay) {
    }

    /** The history as a run holds it: every change replaces it. */
    private static final class Held {
        private RestartHistory history;

        Held(RestartHistory history) {
            this.history = history;
        }

        boolean allowsRestartAt(Instant now) {
            return history.allowsRestartAt(now);
        }

        Taken restartAt(Instant now) {
            RestartHistory.Restart restart = history.restartAt(now);
            history = restart.history();
            return new Taken(restart.number(), restart.delay());
        }

        void stable() {
            history = history.stable();
        }

        void wentDown(StartupFailure cause) {
            history = history.wentDown(cause);
        }

        StartupFailure giveUp() {
            return history.giveUp();
        }
    }

    private static StartupFailure exited(int code, String lastLine) {
        return new BackendExited(OptionalInt.of(code), List.of("INFO: started", lastLine));
    }
}
