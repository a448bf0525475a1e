package io.lifeline.it;

import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CrashingBackendIT extends ScenarioTestBase {

    private static final String CRASH_LINE = "fixture: simulated startup crash (scenario=crash)";

    @Test
    void crash_retriesTwiceWithGrowingDelaysAndReportsExitCodeAndStderrLine() throws Exception {
        StatusEvent decided = start("crash", Map.of());

        assertThat(config.timeouts().startupTimeout()).as("attempts must end when the process dies, not at this")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(exitCodeOf(decided)).isEqualTo(ExitCode.EXITED_DURING_STARTUP);
        StatusEvent.Failed failed = (StatusEvent.Failed) decided;
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(((StartupFailure.ExitedDuringStartup) failed.cause()).exitCode()).isEqualTo(3);
        assertThat(failed.lastOutput()).contains(CRASH_LINE);
        assertThat(events.names()).containsExactly(
                "launching", "retrying", "launching", "retrying", "launching", "failed");
        assertThat(events.all(StatusEvent.Retrying.class)).extracting(StatusEvent.Retrying::delay)
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(events.all(StatusEvent.Launching.class)).extracting(StatusEvent.Launching::pid)
                .doesNotHaveDuplicates().allSatisfy(pid -> assertThat(ProcessHygiene.isAlive(pid)).isFalse());
        assertThat(session.state()).isInstanceOf(StartupState.Failed.class);
        assertThat(report()).contains("Exit code: 3").contains("| " + CRASH_LINE).contains("Attempts: 3 of 3");
        assertThat(logOfThisRun()).contains(CRASH_LINE);
        assertThat(tookToDecide).isLessThan(Duration.ofSeconds(15));
        assertLastOutputInReportAndLog((StatusEvent.Failed) decided);
    }
}
