package io.lifeline.it;

import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CrashThenRecoverIT extends ScenarioTestBase {

    @Test
    void crashThenRecover_retriesAndConnectsOnAttemptKPlusOne(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("FIXTURE_CRASH_COUNT", "2",
                "FIXTURE_COUNTER_FILE", dir.resolve("launches").toString());

        StatusEvent decided = start("crash-then-recover", env, Map.of());

        assertThat(decided).isInstanceOf(StatusEvent.Connected.class);
        assertThat(((StatusEvent.Connected) decided).attempt()).isEqualTo(3);
        assertThat(events.names()).containsExactly(
                "launching", "retrying", "launching", "retrying", "launching", "connected");
        assertThat(events.all(StatusEvent.Retrying.class)).allSatisfy(retrying ->
                assertThat(retrying.cause()).isInstanceOf(ExitedDuringStartup.class));
        assertThat(session.state()).isInstanceOf(StartupState.Connected.class);
        assertThat(terminalOutput()).contains("retrying in 200ms (attempt 2/3)").contains("attempt 3, ");
        assertThat(logOfThisRun()).contains("fixture: simulated startup crash (scenario=crash-then-recover, launch 1 of 2)");
        assertThat(tookToDecide).isLessThan(Duration.ofSeconds(20));
    }
}
