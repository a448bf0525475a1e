package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class SupervisionPolicyTest {

    @Test
    void givenDefault_thenDefaultLivenessAndDefaultRestarts() {
        assertThat(SupervisionPolicy.DEFAULT)
                .isEqualTo(new SupervisionPolicy(LivenessPolicy.DEFAULT, RestartPolicy.DEFAULT));
    }

    @Test
    void givenNone_thenNoLivenessProbingAndNoRestarts() {
        assertThat(SupervisionPolicy.NONE.liveness().enabled()).isFalse();
        assertThat(SupervisionPolicy.NONE.restart().mode()).isEqualTo(RestartPolicy.Mode.NEVER);
    }

    @Test
    void givenWithers_thenOnlyThatPartChanges() {
        LivenessPolicy fast = new LivenessPolicy(true, Duration.ofSeconds(1), 1);

        assertThat(SupervisionPolicy.DEFAULT.withLiveness(fast))
                .isEqualTo(new SupervisionPolicy(fast, RestartPolicy.DEFAULT));
        assertThat(SupervisionPolicy.DEFAULT.withRestart(RestartPolicy.NEVER))
                .isEqualTo(new SupervisionPolicy(LivenessPolicy.DEFAULT, RestartPolicy.NEVER));
    }

    @Test
    void givenMissingParts_thenRejectedNamingThePart() {
        assertThatNullPointerException().isThrownBy(() -> new SupervisionPolicy(null, RestartPolicy.DEFAULT))
                .withMessage("liveness");
        assertThatNullPointerException().isThrownBy(() -> new SupervisionPolicy(LivenessPolicy.DEFAULT, null))
                .withMessage("restart");
    }
}
