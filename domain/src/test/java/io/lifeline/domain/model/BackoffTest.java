package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTest {

    private static final double NO_JITTER = 0.5;

    @ParameterizedTest(name = "wait {0} is {1} ms")
    @CsvSource({"1, 2000", "2, 4000", "3, 8000", "5, 32000", "6, 60000", "30, 60000"})
    void givenTheDefault_whenAskingForTheNthWait_thenItDoublesUpToTheCap(int n, long millis) {
        assertThat(Backoff.DEFAULT.delay(n, NO_JITTER)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void givenJitter_whenAskingForAWait_thenItSpreadsAroundTheBaseAndStaysUnderTheCap() {
        Backoff jittery = new Backoff(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(3), 0.5);

        assertThat(jittery.delay(1, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(jittery.delay(1, 0.99)).isEqualTo(Duration.ofMillis(2980));
        assertThat(jittery.delay(2, 0.99)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void givenTheRetryAndRestartPolicies_whenAskingForTheSameWait_thenTheyAgree() {
        Backoff backoff = new Backoff(Duration.ofMillis(300), 3.0, Duration.ofSeconds(5), 0.2);

        for (int n = 1; n <= 6; n++) {
            assertThat(new RetryPolicy(3, backoff).delayAfter(n, 0.3))
                    .isEqualTo(RestartPolicy.DEFAULT.withBackoff(backoff).delayBefore(n, 0.3))
                    .isEqualTo(backoff.delay(n, 0.3));
        }
    }

    @Test
    void givenACapShorterThanTheDelay_whenCreating_thenRejectedNamingThePurpose() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Backoff.of("retry", Duration.ofSeconds(5), 2.0, Duration.ofSeconds(1), 0.0))
                .withMessage("max retry delay (1s) must not be shorter than the retry delay (5s)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Backoff(Duration.ofSeconds(5), 2.0, Duration.ofSeconds(1), 0.0))
                .withMessage("max backoff delay (1s) must not be shorter than the backoff delay (5s)");
    }

    @Test
    void givenWaitZero_whenAsking_thenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Backoff.DEFAULT.delay(0, NO_JITTER))
                .withMessage("the wait number must be >= 1, was 0");
    }
}
