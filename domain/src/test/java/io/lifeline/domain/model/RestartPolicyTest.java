package io.lifeline.domain.model;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RestartPolicyTest {

    /** Any value in [0, 1): without jitter the random value does not matter. */
    private static final double ANY_RANDOM = 0.5;
    private static final RestartPolicy.Mode ON_FAILURE = RestartPolicy.Mode.ON_FAILURE;

    @Nested
    class Defaults {

        @Test
        void givenDefault_thenOnFailureTwoSecondsDoublingCappedAtAMinuteFiveRestartsPerMinuteStableAfterThirtySeconds() {
            RestartPolicy policy = RestartPolicy.DEFAULT;

            assertThat(policy.mode()).isEqualTo(RestartPolicy.Mode.ON_FAILURE);
            assertThat(policy.initialDelay()).isEqualTo(Duration.ofSeconds(2));
            assertThat(policy.multiplier()).isEqualTo(2.0);
            assertThat(policy.maxDelay()).isEqualTo(Duration.ofSeconds(60));
            assertThat(policy.jitter()).isZero();
            assertThat(policy.maxRestarts()).isEqualTo(5);
            assertThat(policy.window()).isEqualTo(Duration.ofSeconds(60));
            assertThat(policy.stableAfter()).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void givenNeverConstant_thenTheDefaultsWithModeNever() {
            assertThat(RestartPolicy.NEVER).isEqualTo(RestartPolicy.DEFAULT.withMode(RestartPolicy.Mode.NEVER));
            assertThat(RestartPolicy.NEVER.mode()).isEqualTo(RestartPolicy.Mode.NEVER);
        }

        @Test
        void givenModes_thenLabelsAreLowerCaseWithDashes() {
            assertThat(RestartPolicy.Mode.ON_FAILURE.label()).isEqualTo("on-failure");
            assertThat(RestartPolicy.Mode.ALWAYS.label()).isEqualTo("always");
            assertThat(RestartPolicy.Mode.NEVER.label()).isEqualTo("never");
        }
    }

    @Nested
    class DelayBefore {

        @Test
        void givenDefaults_whenRestartingAgainAndAgain_thenTwoFourEightSixteenThirtyTwoThenCappedAtSixty() {
            RestartPolicy policy = RestartPolicy.DEFAULT;

            assertThat(IntStream.rangeClosed(1, 8).mapToObj(n -> policy.delayBefore(n, ANY_RANDOM)))
                    .containsExactly(seconds(2), seconds(4), seconds(8), seconds(16), seconds(32), seconds(60),
                            seconds(60), seconds(60));
        }

        @Test
        void givenALowerCap_whenTheBackoffPassesIt_thenEveryLaterDelayIsTheCap() {
            RestartPolicy policy = new RestartPolicy(ON_FAILURE, seconds(1), 3.0, seconds(10), 0.0, 5, seconds(60),
                    seconds(30));

            assertThat(IntStream.rangeClosed(1, 5).mapToObj(n -> policy.delayBefore(n, ANY_RANDOM)))
                    .containsExactly(seconds(1), seconds(3), seconds(9), seconds(10), seconds(10));
        }

        @Test
        void givenMultiplierOne_thenEveryDelayIsTheInitialDelay() {
            RestartPolicy policy = new RestartPolicy(ON_FAILURE, ms(500), 1.0, seconds(60), 0.0, 5, seconds(60),
                    seconds(30));

            assertThat(policy.delayBefore(1, ANY_RANDOM)).isEqualTo(ms(500));
            assertThat(policy.delayBefore(50, ANY_RANDOM)).isEqualTo(ms(500));
        }

        @Test
        void givenAHugeRestartNumber_thenStillCappedNotOverflowed() {
            assertThat(RestartPolicy.DEFAULT.delayBefore(10_000, ANY_RANDOM)).isEqualTo(seconds(60));
        }

        @Test
        void givenNoJitter_whenTheRandomValueChanges_thenTheDelayDoesNot() {
            assertThat(RestartPolicy.DEFAULT.delayBefore(2, 0.0)).isEqualTo(seconds(4));
            assertThat(RestartPolicy.DEFAULT.delayBefore(2, 0.999)).isEqualTo(seconds(4));
        }

        @ParameterizedTest(name = "random {0}")
        @ValueSource(doubles = {0.0, 0.25, 0.5, 0.75, 0.999999})
        void givenHalfJitter_thenTheDelayStaysWithinPlusMinusHalf(double random01) {
            RestartPolicy policy = new RestartPolicy(ON_FAILURE, seconds(2), 2.0, seconds(60), 0.5, 5, seconds(60),
                    seconds(30));

            assertThat(policy.delayBefore(2, random01)).isBetween(seconds(2), seconds(6));
        }

        @Test
        void givenRestartZero_thenRejected() {
            assertThatIllegalArgumentException().isThrownBy(() -> RestartPolicy.DEFAULT.delayBefore(0, ANY_RANDOM))
                    .withMessage("restart must be >= 1, was 0");
        }
    }

    @Nested
    class RestartsAfter {

        static Stream<Arguments> table() {
            OptionalInt clean = OptionalInt.of(0);
            OptionalInt crashed = OptionalInt.of(1);
            OptionalInt terminated = OptionalInt.of(143);
            OptionalInt signal = OptionalInt.empty();
            return Stream.of(
                    arguments(RestartPolicy.Mode.ON_FAILURE, clean, false),
                    arguments(RestartPolicy.Mode.ON_FAILURE, crashed, true),
                    arguments(RestartPolicy.Mode.ON_FAILURE, terminated, true),
                    arguments(RestartPolicy.Mode.ON_FAILURE, signal, true),
                    arguments(RestartPolicy.Mode.ALWAYS, clean, true),
                    arguments(RestartPolicy.Mode.ALWAYS, crashed, true),
                    arguments(RestartPolicy.Mode.ALWAYS, terminated, true),
                    arguments(RestartPolicy.Mode.ALWAYS, signal, true),
                    arguments(RestartPolicy.Mode.NEVER, clean, false),
                    arguments(RestartPolicy.Mode.NEVER, crashed, false),
                    arguments(RestartPolicy.Mode.NEVER, terminated, false),
                    arguments(RestartPolicy.Mode.NEVER, signal, false));
        }

        @ParameterizedTest(name = "{0}, exit {1} -> restart {2}")
        @MethodSource("table")
        void givenModeAndExit_thenRestartsAccordingToTheTable(RestartPolicy.Mode mode, OptionalInt exitCode,
                                                             boolean restarts) {
            assertThat(RestartPolicy.DEFAULT.withMode(mode).restartsAfter(exitCode)).isEqualTo(restarts);
        }
    }

    @Nested
    class Validation {

        @ParameterizedTest(name = "max restarts {0}")
        @ValueSource(ints = {0, -1, 1001})
        void givenMaxRestartsOutOfRange_thenRejected(int maxRestarts) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> RestartPolicy.DEFAULT.withLimit(maxRestarts, seconds(60)))
                    .withMessage("max restarts must be between 1 and 1000, was " + maxRestarts);
        }

        @ParameterizedTest(name = "max restarts {0}")
        @ValueSource(ints = {1, 1000})
        void givenMaxRestartsAtTheBounds_thenAccepted(int maxRestarts) {
            assertThat(RestartPolicy.DEFAULT.withLimit(maxRestarts, seconds(60)).maxRestarts())
                    .isEqualTo(maxRestarts);
        }

        @Test
        void givenNonPositiveWindow_thenRejected() {
            assertThatIllegalArgumentException().isThrownBy(() -> RestartPolicy.DEFAULT.withLimit(5, Duration.ZERO))
                    .withMessage("restart window must be positive, was 0s");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> RestartPolicy.DEFAULT.withLimit(5, seconds(-60)))
                    .withMessage("restart window must be positive, was -60s");
        }

        @Test
        void givenNonPositiveStablePeriod_thenRejected() {
            assertThatIllegalArgumentException().isThrownBy(() -> RestartPolicy.DEFAULT.withStableAfter(Duration.ZERO))
                    .withMessage("stable period must be positive, was 0s");
            assertThatIllegalArgumentException().isThrownBy(() -> RestartPolicy.DEFAULT.withStableAfter(ms(-1)))
                    .withMessage("stable period must be positive, was -1ms");
        }

        @Test
        void givenMissingParts_thenRejectedNamingThePart() {
            assertThatNullPointerException().isThrownBy(() -> RestartPolicy.DEFAULT.withMode(null))
                    .withMessage("restart mode");
            assertThatNullPointerException().isThrownBy(() -> RestartPolicy.DEFAULT.withLimit(5, null))
                    .withMessage("restart window must not be null");
            assertThatNullPointerException().isThrownBy(() -> RestartPolicy.DEFAULT.withStableAfter(null))
                    .withMessage("stable period must not be null");
        }

        /** The backoff parameters are validated by the retry policy, so the messages are the retry policy's. */
        @Test
        void givenBadBackoff_thenRejectedWithMessagesThatSayRestart() {
            assertThatIllegalArgumentException().isThrownBy(() -> new RestartPolicy(ON_FAILURE, Duration.ZERO, 2.0,
                            seconds(60), 0.0, 5, seconds(60), seconds(30)))
                    .withMessage("restart delay must be positive, was 0s");
            assertThatIllegalArgumentException().isThrownBy(() -> new RestartPolicy(ON_FAILURE, seconds(10), 2.0,
                            seconds(5), 0.0, 5, seconds(60), seconds(30)))
                    .withMessage("max restart delay (5s) must not be shorter than the restart delay (10s)");
            assertThatIllegalArgumentException().isThrownBy(() -> new RestartPolicy(ON_FAILURE, seconds(2), 0.5,
                            seconds(60), 0.0, 5, seconds(60), seconds(30)))
                    .withMessage("restart multiplier must be between 1 and 10, was 0.5");
            assertThatIllegalArgumentException().isThrownBy(() -> new RestartPolicy(ON_FAILURE, seconds(2), 2.0,
                            seconds(60), 1.5, 5, seconds(60), seconds(30)))
                    .withMessage("restart jitter must be between 0 and 1, was 1.5");
        }
    }

    @Nested
    class Withers {

        @ParameterizedTest
        @EnumSource(RestartPolicy.Mode.class)
        void givenWithMode_thenOnlyTheModeChanges(RestartPolicy.Mode mode) {
            RestartPolicy changed = RestartPolicy.DEFAULT.withMode(mode);

            assertThat(changed).isEqualTo(new RestartPolicy(mode, seconds(2), 2.0, seconds(60), 0.0, 5, seconds(60),
                    seconds(30)));
        }

        @Test
        void givenWithLimit_thenOnlyTheLimitChanges() {
            assertThat(RestartPolicy.DEFAULT.withLimit(3, seconds(10))).isEqualTo(new RestartPolicy(ON_FAILURE,
                    seconds(2), 2.0, seconds(60), 0.0, 3, seconds(10), seconds(30)));
        }

        @Test
        void givenWithStableAfter_thenOnlyTheStablePeriodChanges() {
            assertThat(RestartPolicy.DEFAULT.withStableAfter(seconds(5))).isEqualTo(new RestartPolicy(ON_FAILURE,
                    seconds(2), 2.0, seconds(60), 0.0, 5, seconds(60), seconds(5)));
        }

        @Test
        void givenWithInitialDelayBelowTheCap_thenTheCapStays() {
            RestartPolicy changed = RestartPolicy.DEFAULT.withInitialDelay(ms(100));

            assertThat(changed.initialDelay()).isEqualTo(ms(100));
            assertThat(changed.maxDelay()).isEqualTo(seconds(60));
        }

        @Test
        void givenWithInitialDelayAboveTheCap_thenRejectedInsteadOfRaisingTheCap() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> RestartPolicy.DEFAULT.withInitialDelay(Duration.ofMinutes(2)))
                    .withMessage("max restart delay (1m) must not be shorter than the restart delay (2m)");
        }

        @Test
        void givenWithBackoff_thenOnlyTheBackoffChanges() {
            Backoff slow = new Backoff(Duration.ofMinutes(2), 2.0, Duration.ofMinutes(2), 0.0);

            RestartPolicy changed = RestartPolicy.DEFAULT.withBackoff(slow);

            assertThat(changed.initialDelay()).isEqualTo(Duration.ofMinutes(2));
            assertThat(changed.maxDelay()).isEqualTo(Duration.ofMinutes(2));
            assertThat(changed.delayBefore(3, ANY_RANDOM)).isEqualTo(Duration.ofMinutes(2));
            assertThat(changed.withBackoff(Backoff.DEFAULT)).isEqualTo(RestartPolicy.DEFAULT);
        }
    }

    private static Duration seconds(long value) {
        return Duration.ofSeconds(value);
    }

    private static Duration ms(long value) {
        return Duration.ofMillis(value);
    }
}
