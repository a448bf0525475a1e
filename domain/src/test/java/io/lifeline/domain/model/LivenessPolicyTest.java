package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class LivenessPolicyTest {

    @Test
    void givenDefault_thenEnabledEveryFiveSecondsThreeFailuresInARow() {
        assertThat(LivenessPolicy.DEFAULT.enabled()).isTrue();
        assertThat(LivenessPolicy.DEFAULT.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(LivenessPolicy.DEFAULT.failureThreshold()).isEqualTo(3);
    }

    @Test
    void givenOff_thenDisabledWithTheDefaultTimings() {
        assertThat(LivenessPolicy.OFF).isEqualTo(new LivenessPolicy(false, Duration.ofSeconds(5), 3));
    }

    @ParameterizedTest(name = "threshold {0}")
    @ValueSource(ints = {0, -1, 101})
    void givenThresholdOutOfRange_thenRejected(int threshold) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LivenessPolicy(true, Duration.ofSeconds(5), threshold))
                .withMessage("liveness failure threshold must be between 1 and 100, was " + threshold);
    }

    @ParameterizedTest(name = "threshold {0}")
    @ValueSource(ints = {1, 100})
    void givenThresholdAtTheBounds_thenAccepted(int threshold) {
        assertThat(new LivenessPolicy(true, Duration.ofSeconds(5), threshold).failureThreshold())
                .isEqualTo(threshold);
    }

    @Test
    void givenNonPositiveInterval_thenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LivenessPolicy(true, Duration.ZERO, 3))
                .withMessage("liveness interval must be positive, was 0s");
        assertThatIllegalArgumentException().isThrownBy(() -> new LivenessPolicy(true, Duration.ofMillis(-250), 3))
                .withMessage("liveness interval must be positive, was -250ms");
    }

    @Test
    void givenDisabled_thenTheIntervalIsStillValidated() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LivenessPolicy(false, Duration.ZERO, 3))
                .withMessage("liveness interval must be positive, was 0s");
    }

    @Test
    void givenNoInterval_thenRejectedNamingIt() {
        assertThatNullPointerException().isThrownBy(() -> new LivenessPolicy(true, null, 3))
                .withMessage("liveness interval must not be null");
    }

    @Test
    void givenASubSecondInterval_thenAccepted() {
        assertThat(new LivenessPolicy(true, Duration.ofMillis(1), 1).interval()).isEqualTo(Duration.ofMillis(1));
    }
}
