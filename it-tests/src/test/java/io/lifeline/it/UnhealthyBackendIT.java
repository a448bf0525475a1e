package io.lifeline.it;

import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.model.UnhealthyServices;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnhealthyBackendIT extends ScenarioTestBase {

    @Test
    void unhealthy_exhaustsTheAttemptsAndTheReportListsCacheUnhealthy() throws Exception {
        StatusEvent decided = start("unhealthy", Map.of(Settings.MAX_RETRIES, "2", Settings.STARTUP_TIMEOUT, "2s"));

        assertThat(exitCodeOf(decided)).isEqualTo(ExitCode.UNHEALTHY_SERVICES);
        StatusEvent.Failed failed = (StatusEvent.Failed) decided;
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(((UnhealthyServices) failed.cause()).services()).containsEntry("cache", "unhealthy");
        assertThat(events.names()).containsExactly("launching", "retrying", "launching", "failed");
        assertThat(session.state()).isInstanceOf(StartupState.Failed.class);
        assertThat(report()).contains("cache: unhealthy").contains("Attempts: 2 of 2").contains("Last backend output:");
        assertThat(logOfThisRun()).contains("GET /health");
        assertThat(tookToDecide).isLessThan(Duration.ofSeconds(20));
        assertLastOutputInReportAndLog((StatusEvent.Failed) decided);
    }
}
