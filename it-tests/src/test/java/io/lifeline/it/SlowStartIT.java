package io.lifeline.it;

import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlowStartIT extends ScenarioTestBase {

    @Test
    void slowStart_withinTheStartupTimeout_connectsOnFirstAttempt() throws Exception {
        StatusEvent decided = start("slow-start", Map.of("FIXTURE_STARTUP_DELAY", "2"),
                Map.of(Settings.STARTUP_TIMEOUT, "10s"));

        assertThat(decided).isInstanceOf(StatusEvent.Connected.class);
        StatusEvent.Connected connected = (StatusEvent.Connected) decided;
        assertThat(connected.attempt()).isEqualTo(1);
        assertThat(connected.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(10));
        assertThat(events.names()).containsExactly("launching", "connected");
        assertThat(logOfThisRun()).contains("slow-start: waiting 2");
    }
}
