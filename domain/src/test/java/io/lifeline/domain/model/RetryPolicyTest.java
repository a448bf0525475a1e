package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private static final double NO_JITTER = 0.5;

    @Test
    void givenDefaults_thenThreeAttemptsTwoSecondsDoubling() {
        RetryPolicy policy = RetryPolicy.DEFAULT;

        assertThat(policy.maxAttempts()).isEqualTo(3);
        assertThat(policy.initialDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.multiplier()).isEqualTo(2.0);
        assertThat(policy.maxDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.jitter()).isZero();
    }

    @Test
    void givenDefaults_whenAskingForDelays_thenTwoThenFourThenEightSeconds() {
        RetryPolicy policy = RetryPolicy.DEFAULT;

        assertThat(policy.delayAfter(1, NO_JITTER)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(2, NO_JITTER)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(3, NO_JITTER)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void givenNoJitter_whenTheRandomValueChanges_thenTheDelayDoesNot() {
        assertThat(RetryPolicy.DEFAULT.delayAfter(1, 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryPolicy.DEFAULT.delayAfter(1, 0.999)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void givenManyFailures_whenTheBackoffPassesMaxDelay_thenItIsCappedAtMaxDelay() {
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(10).withMaxDelay(Duration.ofSeconds(10));

        assertThat(policy.delayAfter(3, NO_JITTER)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(4, NO_JITTER)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayAfter(10, NO_JITTER)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void givenTheLargestPolicy_whenAskingForTheLastDelay_thenStillCappedNotOverflowed() {
        RetryPolicy policy = new RetryPolicy(RetryPolicy.MAX_ALLOWED_ATTEMPTS, Duration.ofSeconds(2), 10.0,
                Duration.ofMinutes(5), 0.0);

        assertThat(policy.delayAfter(RetryPolicy.MAX_ALLOWED_ATTEMPTS - 1, NO_JITTER))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void givenHalfJitter_whenRandomIsZero_thenTheDelayIsHalfShorter() {
        RetryPolicy policy = RetryPolicy.DEFAULT.withJitter(0.5);

        assertThat(policy.delayAfter(1, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(2, 0.0)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void givenHalfJitter_whenRandomIsAlmostOne_thenTheDelayIsAlmostHalfLonger() {
        RetryPolicy policy = RetryPolicy.DEFAULT.withJitter(0.5);

        assertThat(policy.delayAfter(1, 0.9999)).isBetween(Duration.ofMillis(2999), Duration.ofSeconds(3));
    }

    @ParameterizedTest(name = "random {0}")
    @ValueSource(doubles = {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999999})
    void givenHalfJitter_whenRandomIsAnywhereInRange_thenTheDelayStaysWithinPlusMinusHalf(double random01) {
        RetryPolicy policy = RetryPolicy.DEFAULT.withJitter(0.5);

        assertThat(policy.delayAfter(2, random01)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
    }

    @Test
    void givenFullJitterAndRandomZero_whenAskingForADelay_thenItIsOneMillisecondNotZero() {
        assertThat(RetryPolicy.DEFAULT.withJitter(1.0).delayAfter(1, 0.0)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void givenJitterNearTheCap_whenRandomIsHigh_thenTheCapStillHolds() {
        RetryPolicy policy = RetryPolicy.DEFAULT.withJitter(0.5).withMaxDelay(Duration.ofSeconds(5));

        assertThat(policy.delayAfter(2, 0.999)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void givenAttemptZero_whenAskingForItsDelay_thenRejected() {
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.delayAfter(0, NO_JITTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failed attempt must be >= 1, was 0");
    }

    @Test
    void givenZeroAttempts_whenCreating_thenRejectedWithTheAllowedRange() {
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max attempts must be between 1 and 100, was 0");
    }

    @Test
    void givenOneHundredAndOneAttempts_whenCreating_thenRejectedWithTheAllowedRange() {
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withMaxAttempts(101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max attempts must be between 1 and 100, was 101");
    }

    @Test
    void givenTheBoundaries_whenCreating_thenOneAndOneHundredAttemptsAreAccepted() {
        assertThat(RetryPolicy.DEFAULT.withMaxAttempts(1).maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.DEFAULT.withMaxAttempts(100).maxAttempts()).isEqualTo(100);
    }

    @Test
    void givenZeroDelay_whenCreating_thenRejected() {
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withInitialDelay(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry delay must be positive, was 0s");
    }

    @Test
    void givenNegativeDelay_whenCreating_thenRejected() {
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withInitialDelay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry delay must be positive, was -1s");
    }

    @Test
    void givenNullDelay_whenCreating_thenRejectedNamingIt() {
        assertThatNullPointerException()
                .isThrownBy(() -> new RetryPolicy(3, null, 2.0, Duration.ofSeconds(60), 0.0))
                .withMessage("retry delay must not be null");
    }

    @Test
    void givenZeroMaxDelay_whenCreating_thenRejected() {
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), 2.0, Duration.ZERO, 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max retry delay must be positive, was 0s");
    }

    @Test
    void givenMaxDelayShorterThanTheDelay_whenCreating_thenRejectedNamingBoth() {
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withMaxDelay(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max retry delay (1s) must not be shorter than the retry delay (2s)");
    }

    @Test
    void givenADelayLongerThanTheCap_whenChangingTheDelay_thenRejectedInsteadOfRaisingTheCap() {
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withInitialDelay(Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max retry delay (1m) must not be shorter than the retry delay (2m)");
    }

    @Test
    void givenADelayAndACap_whenSetInEitherOrder_thenTheSamePolicyOrTheSameRejection() {
        RetryPolicy capFirst = RetryPolicy.DEFAULT.withMaxDelay(Duration.ofMinutes(3))
                .withInitialDelay(Duration.ofMinutes(2));

        assertThat(capFirst.maxDelay()).isEqualTo(Duration.ofMinutes(3));
        assertThat(capFirst.initialDelay()).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withInitialDelay(Duration.ofMinutes(2))
                .withMaxDelay(Duration.ofMinutes(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be shorter than the retry delay");
    }

    @Test
    void givenAPolicy_whenAskingForItsBackoffValues_thenTheyAreTheBackoffs() {
        RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), 3.0, Duration.ofSeconds(9), 0.25);

        assertThat(policy.backoff()).isEqualTo(new Backoff(Duration.ofSeconds(1), 3.0, Duration.ofSeconds(9), 0.25));
        assertThat(policy.multiplier()).isEqualTo(3.0);
        assertThat(policy.jitter()).isEqualTo(0.25);
    }

    @Test
    void givenMultiplierBelowOne_whenCreating_thenRejected() {
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), 0.5, Duration.ofSeconds(60), 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry multiplier must be between 1 and 10, was 0.5");
    }

    @Test
    void givenMultiplierNaN_whenCreating_thenRejected() {
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Double.NaN, Duration.ofSeconds(60), 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("retry multiplier must be between 1 and 10");
    }

    @Test
    void givenMultiplierOne_whenAskingForDelays_thenTheyStayConstant() {
        RetryPolicy constant = new RetryPolicy(5, Duration.ofSeconds(2), 1.0, Duration.ofSeconds(60), 0.0);

        assertThat(constant.delayAfter(4, NO_JITTER)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void givenJitterAboveOne_whenCreating_thenRejected() {
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withJitter(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry jitter must be between 0 and 1, was 1.5");
    }

    @Test
    void givenNegativeJitter_whenCreating_thenRejected() {
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withJitter(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry jitter must be between 0 and 1, was -0.1");
    }

    @Test
    void givenAPolicy_whenChangingOneValue_thenTheOriginalIsUnchanged() {
        RetryPolicy original = RetryPolicy.DEFAULT;

        original.withMaxAttempts(7).withJitter(0.3);

        assertThat(original).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(60), 0.0));
    }
}
