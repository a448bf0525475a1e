package io.lifeline.it;

import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.domain.model.LivenessFailed;
import io.lifeline.domain.model.StatusEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LivenessFailureIT extends ScenarioTestBase {

    @Test
    void stall_failsItsLivenessChecksAndIsStoppedAndRestarted() throws Exception {
        StatusEvent decided = start("stall", Map.of("FIXTURE_STALL_AFTER", "1"),
                Map.of(Settings.LIVENESS_INTERVAL, "300ms", Settings.LIVENESS_THRESHOLD, "2",
                        Settings.HEALTH_TIMEOUT, "300ms", Settings.RESTART_DELAY, "200ms"));
        assertThat(decided).isInstanceOf(StatusEvent.Connected.class);
        long stalled = ((StatusEvent.Connected) decided).pid().orElseThrow();

        Awaitility.await("restarted and connected again").atMost(Duration.ofSeconds(30))
                .until(() -> events.all(StatusEvent.Connected.class).size() >= 2);

        assertThat(events.names()).startsWith("launching", "connected", "unhealthy", "disconnected", "retrying",
                "launching", "connected");
        assertThat(events.all(StatusEvent.Unhealthy.class).get(0).reason())
                .contains("failed 2 health checks in a row").contains("no answer within 300ms");
        StatusEvent.Retrying restart = events.all(StatusEvent.Retrying.class).get(0);
        assertThat(restart.restart()).isEqualTo(1);
        assertThat(restart.cause()).isInstanceOf(LivenessFailed.class);
        assertThat(ProcessHygiene.isAlive(stalled)).as("the stalled backend was stopped").isFalse();
        assertThat(logOfThisRun()).contains("stall: /health stops answering now");
    }
}
