package io.lifeline.domain.service;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationIdGeneratorTest {

    private static final Instant START = Instant.ofEpochMilli(1_735_725_600_000L);

    private final ManualClock clock = new ManualClock(START);
    private final CorrelationIdGenerator generator = new CorrelationIdGenerator(clock);

    @Test
    void givenAClock_whenGenerating_thenTheSeedsFormatWithTheClocksEpochMillis() {
        assertThat(generator.next()).isEqualTo(new CorrelationId("backend-startup-1735725600000"));
    }

    @Test
    void givenTheClockMoves_whenGeneratingAgain_thenTheIdFollowsTheClock() {
        generator.next();
        clock.advance(Duration.ofSeconds(1));

        assertThat(generator.next().value()).isEqualTo("backend-startup-1735725601000");
    }

    @Test
    void givenTheClockDoesNotMove_whenGeneratingMany_thenEveryIdIsDifferent() {
        Set<CorrelationId> ids = new HashSet<>();
        IntStream.range(0, 1000).forEach(i -> ids.add(generator.next()));

        assertThat(ids).hasSize(1000);
    }

    @Test
    void givenTheClockDoesNotMove_whenGeneratingTwice_thenTheSecondIsOneMillisecondLater() {
        assertThat(generator.next().value()).isEqualTo("backend-startup-1735725600000");
        assertThat(generator.next().value()).isEqualTo("backend-startup-1735725600001");
    }

    @Test
    void givenTheClockJumpsBack_whenGenerating_thenIdsStillNeverRepeat() {
        CorrelationId first = generator.next();
        clock.setTo(START.minusSeconds(60));

        CorrelationId second = generator.next();

        assertThat(second).isNotEqualTo(first);
        assertThat(second.value()).isEqualTo("backend-startup-1735725600001");
    }
}
