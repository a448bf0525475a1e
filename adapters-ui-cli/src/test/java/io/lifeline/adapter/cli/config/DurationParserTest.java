package io.lifeline.adapter.cli.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurationParserTest {

    @ParameterizedTest(name = "''{0}'' is {1} ms")
    @CsvSource(delimiter = '|', textBlock = """
            500ms   | 500
            1ms     | 1
            2s      | 2000
            1.5s    | 1500
            0.5s    | 500
            0.25s   | 250
            2m      | 120000
            1.5m    | 90000
            1h      | 3600000
            24h     | 86400000
            1440m   | 86400000
            2 s     | 2000
            ' 2s '  | 2000
            007s    | 7000
            """)
    void givenValidDuration_whenParsing_thenExactMillis(String text, long millis) {
        assertThat(DurationParser.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0s          | must be positive
            0ms         | must be positive
            0.0s        | must be positive
            -1s         | must be positive
            -500ms      | must be positive
            5           | needs a unit, e.g. 5ms or 5s
            1.5         | needs a unit, e.g. 1.5ms or 1.5s
            0           | must be positive (e.g. 500ms or 2s)
            25h         | must be at most 24h
            1441m       | must be at most 24h
            86400001ms  | must be at most 24h
            0.5ms       | must be at least 1ms
            abc         | is not a duration (use e.g. 500ms, 2s, 1.5s, 2m)
            ''          | is not a duration (use e.g. 500ms, 2s, 1.5s, 2m)
            2S          | is not a duration (use e.g. 500ms, 2s, 1.5s, 2m)
            1d          | is not a duration (use e.g. 500ms, 2s, 1.5s, 2m)
            2sec        | is not a duration (use e.g. 500ms, 2s, 1.5s, 2m)
            .5s         | is not a duration (use e.g. 500ms, 2s, 1.5s, 2m)
            2.s         | is not a duration (use e.g. 500ms, 2s, 1.5s, 2m)
            1,5s        | is not a duration (use e.g. 500ms, 2s, 1.5s, 2m)
            PT2S        | is not a duration (use e.g. 500ms, 2s, 1.5s, 2m)
            """)
    void givenInvalidDuration_whenParsing_thenReasonForTheUser(String text, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> DurationParser.parse(text)).withMessage(reason);
    }

    @Test
    void givenHugeNumber_whenParsing_thenRejectedAsTooLongInsteadOfOverflowing() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DurationParser.parse("99999999999999999999999h"))
                .withMessage("must be at most 24h");
    }

    @Test
    void givenTheMaximum_whenParsing_thenItIsAccepted() {
        assertThat(DurationParser.parse("24h")).isEqualTo(DurationParser.MAX);
    }
}
