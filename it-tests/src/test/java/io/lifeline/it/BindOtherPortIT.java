package io.lifeline.it;

import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.domain.model.PortMismatch;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BindOtherPortIT extends ScenarioTestBase {

    @Test
    void bindOtherPort_timesOutWithAReportThatPointsAtThePortMismatch() throws Exception {
        int other = Fixture.freePort();

        StatusEvent decided = start("bind-other-port", Map.of("FIXTURE_OTHER_PORT", Integer.toString(other)),
                Map.of(Settings.STARTUP_TIMEOUT, "3s"));

        assertThat(exitCodeOf(decided)).isEqualTo(ExitCode.PORT_MISMATCH);
        StatusEvent.Failed failed = (StatusEvent.Failed) decided;
        assertThat(failed.attempts()).as("a port mismatch is not fixed by another attempt").isEqualTo(1);
        PortMismatch mismatch = (PortMismatch) failed.cause();
        assertThat(mismatch.listeningPort()).isEqualTo(other);
        assertThat(events.names()).containsExactly("launching", "failed");
        assertThat(session.state()).isInstanceOf(StartupState.Failed.class);
        assertThat(report()).contains("did not answer on port " + port() + " within 3s")
                .contains("listens on port " + other)
                .contains("--port " + other)
                .contains("Uvicorn running on http://127.0.0.1:" + other);
        assertThat(tookToDecide).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(15));
        assertLastOutputInReportAndLog((StatusEvent.Failed) decided);
    }
}
