package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorrelationIdTest {

    @Test
    void givenStartInstant_whenCreatingForIt_thenTheSeedsFormatWithEpochMillis() {
        CorrelationId id = CorrelationId.forStartAt(Instant.ofEpochMilli(1_735_725_600_123L));

        assertThat(id.value()).isEqualTo("backend-startup-1735725600123");
        assertThat(id).hasToString("backend-startup-1735725600123");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "backend startup", "id\twith-tab", "trailing\n"})
    void givenBlankOrWhitespace_whenCreating_thenRejectedQuotingTheValue(String value) {
        assertThatThrownBy(() -> new CorrelationId(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("correlation id must be non-empty and contain no whitespace: '" + value + "'");
    }

    @Test
    void givenNull_whenCreating_thenRejected() {
        assertThatNullPointerException().isThrownBy(() -> new CorrelationId(null))
                .withMessage("correlation id must not be null");
    }

    @Test
    void givenAnyNonBlankToken_whenCreating_thenAccepted() {
        assertThat(new CorrelationId("frontend-42").value()).isEqualTo("frontend-42");
    }
}
