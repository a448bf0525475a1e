package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource({
            "0, 0s",
            "250, 250ms",
            "999, 999ms",
            "1000, 1s",
            "2000, 2s",
            "1500, 1.5s",
            "1250, 1.25s",
            "2500, 2.5s",
            "90000, 90s",
            "60000, 1m",
            "120000, 2m",
            "-500, -500ms",
            "-1000, -1s"
    })
    void givenADuration_whenFormatting_thenTheShortHumanForm(long millis, String expected) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource({
            "1001, 1s",
            "1004, 1s",
            "1999, 2s",
            "59999, 60s"
    })
    void givenMillisThatRoundToWholeSeconds_whenFormatting_thenNoDanglingDecimalPoint(long millis, String expected) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @Test
    void givenZero_whenRequiringPositive_thenRejectedWithNameAndValue() {
        assertThatThrownBy(() -> Durations.requirePositive(Duration.ZERO, "grace"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grace must be positive, was 0s");
    }

    @Test
    void givenNull_whenRequiringPositive_thenRejectedWithName() {
        assertThatNullPointerException().isThrownBy(() -> Durations.requirePositive(null, "grace"))
                .withMessage("grace must not be null");
    }

    @Test
    void givenPositive_whenRequiringPositive_thenReturnedUnchanged() {
        assertThat(Durations.requirePositive(Duration.ofMillis(1), "grace")).isEqualTo(Duration.ofMillis(1));
    }
}
