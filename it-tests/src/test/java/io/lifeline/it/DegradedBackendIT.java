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

class DegradedBackendIT extends ScenarioTestBase {

    @Test
    void degraded_isNotConnectedAndTheReportNamesDatabaseDegraded() throws Exception {
        StatusEvent decided = start("degraded", Map.of(Settings.MAX_RETRIES, "2", Settings.STARTUP_TIMEOUT, "3s"));

        assertThat(exitCodeOf(decided)).isEqualTo(ExitCode.UNHEALTHY_SERVICES);
        StatusEvent.Failed failed = (StatusEvent.Failed) decided;
        assertThat(((UnhealthyServices) failed.cause()).services())
                .isEqualTo(Map.of("database", "degraded"));
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(events.names()).containsExactly(
                "launching", "degraded", "retrying", "launching", "degraded", "failed");
        assertThat(session.state()).isInstanceOf(StartupState.Failed.class);
        assertThat(report()).contains("Cause:    Backend answered but is not healthy: degraded (database: degraded)")
                .contains("acceptDegraded: true")
                .contains("Attempts: 2 of 2")
                .contains("Last backend output:");
        assertThat(tookToDecide).isLessThan(Duration.ofSeconds(30));
        assertLastOutputInReportAndLog((StatusEvent.Failed) decided);
    }

    @Test
    void degradedAccepted_connectsAndReportsDegraded() throws Exception {
        StatusEvent decided = start("degraded", Map.of(Settings.ACCEPT_DEGRADED, "true"));

        assertThat(decided).isInstanceOf(StatusEvent.Connected.class);
        assertThat(events.names()).containsExactly("launching", "connected", "degraded");
        assertThat(terminalOutput()).contains("degraded: database: degraded");
    }
}
