package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeoutPolicyTest {

    @Test
    void givenDefaults_thenTheSeedsFiveAndThirtySecondsAndAShortProbeInterval() {
        assertThat(TimeoutPolicy.DEFAULT.probeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(TimeoutPolicy.DEFAULT.startupTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(TimeoutPolicy.DEFAULT.probeInterval()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void givenZeroProbeTimeout_whenCreating_thenRejectedAsHealthTimeout() {
        assertThatThrownBy(() -> TimeoutPolicy.DEFAULT.withProbeTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("health timeout must be positive, was 0s");
    }

    @Test
    void givenNegativeStartupTimeout_whenCreating_thenRejected() {
        assertThatThrownBy(() -> TimeoutPolicy.DEFAULT.withStartupTimeout(Duration.ofMillis(-500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("startup timeout must be positive, was -500ms");
    }

    @Test
    void givenZeroProbeInterval_whenCreating_thenRejected() {
        assertThatThrownBy(() -> TimeoutPolicy.DEFAULT.withProbeInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe interval must be positive, was 0s");
    }

    @Test
    void givenNullStartupTimeout_whenCreating_thenRejectedNamingIt() {
        assertThatNullPointerException()
                .isThrownBy(() -> new TimeoutPolicy(Duration.ofSeconds(5), null, Duration.ofMillis(100)))
                .withMessage("startup timeout must not be null");
    }

    @Test
    void givenProbeIntervalLongerThanTheStartupTimeout_whenCreating_thenRejectedNamingBoth() {
        assertThatThrownBy(() -> TimeoutPolicy.DEFAULT.withProbeInterval(Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe interval (1m) must not be longer than the startup timeout (30s)");
    }

    @Test
    void givenProbeIntervalEqualToTheStartupTimeout_whenCreating_thenAccepted() {
        assertThat(TimeoutPolicy.DEFAULT.withProbeInterval(Duration.ofSeconds(30)).probeInterval())
                .isEqualTo(Duration.ofSeconds(30));
    }
}
