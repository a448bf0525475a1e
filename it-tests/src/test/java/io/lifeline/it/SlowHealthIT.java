package io.lifeline.it;

import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlowHealthIT extends ScenarioTestBase {

    @Test
    void slowHealth_answersSlowerThanTheProbeTimeoutSoEachAttemptTimesOut() throws Exception {
        StatusEvent decided = start("slow-health", Map.of("FIXTURE_HEALTH_DELAY", "5"),
                Map.of(Settings.MAX_RETRIES, "2", Settings.STARTUP_TIMEOUT, "3s", Settings.HEALTH_TIMEOUT, "1s"));

        assertThat(exitCodeOf(decided)).isEqualTo(ExitCode.HEALTH_TIMEOUT);
        assertThat(events.names()).containsExactly("launching", "retrying", "launching", "failed");
        assertThat(session.state()).isInstanceOf(StartupState.Failed.class);
        assertThat(report()).contains("did not become healthy within 3s").contains("no answer within 1s");
        assertThat(tookToDecide).isLessThan(Duration.ofSeconds(20));
        assertLastOutputInReportAndLog((StatusEvent.Failed) decided);
    }
}
