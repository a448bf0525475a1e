package io.lifeline.it;

import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.domain.model.BackendExited;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RestartAfterCrashIT extends ScenarioTestBase {

    @Test
    void flap_isRestartedAndConnectedAgain_eventsInOrder() throws Exception {
        StatusEvent decided = start("flap", Map.of("FIXTURE_FLAP_AFTER", "1.5"),
                Map.of(Settings.RESTART_DELAY, "300ms", Settings.MAX_RESTARTS, "5"));
        assertThat(decided).isInstanceOf(StatusEvent.Connected.class);
        long firstPid = ((StatusEvent.Connected) decided).pid().orElseThrow();

        Awaitility.await("connected again after a restart").atMost(Duration.ofSeconds(30))
                .until(() -> events.all(StatusEvent.Connected.class).size() >= 2);

        assertThat(events.names()).startsWith("launching", "connected", "disconnected", "retrying", "launching",
                "connected");
        StatusEvent.Retrying restart = events.all(StatusEvent.Retrying.class).get(0);
        assertThat(restart.restart()).isEqualTo(1);
        assertThat(restart.delay()).isEqualTo(Duration.ofMillis(300));
        assertThat(restart.cause()).isInstanceOf(BackendExited.class);
        assertThat(restart.cause().summary()).contains("code 4");
        long secondPid = events.all(StatusEvent.Connected.class).get(1).pid().orElseThrow();
        assertThat(secondPid).isNotEqualTo(firstPid);
        assertThat(ProcessHygiene.isAlive(firstPid)).isFalse();
        assertThat(terminalOutput()).contains("restarting in 300ms (restart 1): Backend exited with code 4");
        assertThat(session.state()).isInstanceOfAny(StartupState.Connected.class, StartupState.Disconnected.class,
                StartupState.RestartBackoff.class, StartupState.Launching.class, StartupState.WaitingForHealth.class);
    }
}
