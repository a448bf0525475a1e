package io.lifeline.it;

import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FlappingBackendIT extends ScenarioTestBase {

    @Test
    void flap_withRestartNever_connectsThenReportsDisconnectedWithTheExitCodeAndLastLine() throws Exception {
        StatusEvent decided = start("flap", Map.of("FIXTURE_FLAP_AFTER", "2"), Map.of(Settings.RESTART, "never"));
        assertThat(decided).isInstanceOf(StatusEvent.Connected.class);

        StatusEvent.Disconnected gone = session.disconnected().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(gone.exitCode()).hasValue(4);
        assertThat(gone.pid()).isEqualTo(((StatusEvent.Connected) decided).pid());
        assertThat(gone.lastOutput()).anySatisfy(line -> assertThat(line).contains("fixture: flap: exiting after 2"));
        assertThat(events.names()).containsExactly("launching", "connected", "disconnected");
        assertThat(session.state()).isInstanceOf(StartupState.Disconnected.class);
        assertThat(terminalOutput()).contains("disconnected: the backend (pid " + gone.pid().getAsLong()
                + ") exited with code 4");
        assertThat(ExitCode.DISCONNECTED.code()).as("what the CLI exits with").isEqualTo(20);
        assertThat(logOfThisRun()).contains("exited with code 4");
        assertThat(session.finished().toCompletableFuture().getNow(null)).isEqualTo(gone);
    }
}
