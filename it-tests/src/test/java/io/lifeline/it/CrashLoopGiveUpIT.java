package io.lifeline.it;

import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.domain.model.RestartLimitReached;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CrashLoopGiveUpIT extends ScenarioTestBase {

    @Test
    void crashLoopAfterConnect_givesUpAtTheLimitWithAReportOfEveryDown() throws Exception {
        StatusEvent decided = start("flap", Map.of("FIXTURE_FLAP_AFTER", "0.5"),
                Map.of(Settings.RESTART_DELAY, "100ms", Settings.MAX_RESTARTS, "2",
                        Settings.RESTART_WINDOW, "60s"));
        assertThat(decided).isInstanceOf(StatusEvent.Connected.class);

        StatusEvent end = session.finished().toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(exitCodeOf(end)).isEqualTo(ExitCode.RESTART_LIMIT_REACHED);
        RestartLimitReached gaveUp = (RestartLimitReached) ((StatusEvent.Failed) end)
                .cause();
        assertThat(gaveUp.details()).hasSize(3).allSatisfy(down -> assertThat(down).contains("code 4"));
        assertThat(events.names()).containsExactly(
                "launching", "connected", "disconnected", "retrying",
                "launching", "connected", "disconnected", "retrying",
                "launching", "connected", "disconnected", "failed");
        assertThat(events.all(StatusEvent.Retrying.class)).extracting(StatusEvent.Retrying::delay)
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(session.state()).isInstanceOf(StartupState.Failed.class);
        assertThat(report()).contains("Backend kept going down: Lifeline gave up restarting it")
                .contains("Gave up: the backend went down again after 2 restarts within 1m")
                .doesNotContain("Attempts:")
                .contains("Backend exited with code 4");
        assertThat(events.all(StatusEvent.Launching.class)).extracting(StatusEvent.Launching::pid)
                .allSatisfy(pid -> assertThat(ProcessHygiene.isAlive(pid)).isFalse());
    }
}
