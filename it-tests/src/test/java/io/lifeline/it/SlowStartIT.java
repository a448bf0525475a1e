package io.lifeline.it;

import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.StartBackendCommand;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlowStartIT extends StartFlowTestBase {

    @Test
    void givenBackendThatServesAfterTwoSeconds_whenStartingWithTenSecondTimeout_thenConnectedOnFirstAttempt()
            throws Exception {
        StartBackendCommand base = Fixture.command("slow-start", Map.of("FIXTURE_STARTUP_DELAY", "2"));
        StartBackendCommand command = new StartBackendCommand(base.backend(), base.endpoint(), base.retry(),
                base.timeouts().withStartupTimeout(Duration.ofSeconds(10)), base.acceptance(), base.stopGrace());

        StatusEvent decided = startAndAwaitDecision(command);

        assertThat(decided).isInstanceOf(StatusEvent.Connected.class);
        StatusEvent.Connected connected = (StatusEvent.Connected) decided;
        assertThat(connected.attempt()).isEqualTo(1);
        assertThat(connected.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(10));
        assertThat(events.names()).containsExactly("launching", "connected");
    }
}
