package io.lifeline.it;

import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CrashingBackendIT extends ScenarioTestBase {

    private static final String CRASH_LINE = "fixture: simulated startup crash (scenario=crash)";

    @Test
    void crash_retriesTwiceWithGrowingDelaysAndReportsExitCodeAndStderrLine() throws Exception {
        StatusEvent decided = start("crash", Map.of());

        assertThat(exitCodeOf(decided)).isEqualTo(ExitCode.EXITED_DURING_STARTUP);
        StatusEvent.Failed failed = (StatusEvent.Failed) decided;
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(((ExitedDuringStartup) failed.cause()).exitCode()).isEqualTo(3);
        assertThat(failed.lastOutput()).contains(CRASH_LINE);
        assertThat(events.names()).containsExactly(
                "launching", "retrying", "launching", "retrying", "launching", "failed");
        assertThat(events.all(StatusEvent.Retrying.class)).extracting(StatusEvent.Retrying::delay)
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
        // Every attempt ended because its process died (a timeout would be a HealthTimeout), and sooner than the
        // startup timeout would have ended it.
        assertThat(events.all(StatusEvent.Retrying.class)).extracting(StatusEvent.Retrying::cause)
                .allSatisfy(cause -> assertThat(cause).isInstanceOfSatisfying(ExitedDuringStartup.class,
                        exited -> assertThat(exited.exitCode()).isEqualTo(3)));
        assertThat(attemptDurations()).hasSize(3)
                .allSatisfy(attempt -> assertThat(attempt).isLessThan(config.timeouts().startupTimeout()));
        assertThat(events.all(StatusEvent.Launching.class)).extracting(StatusEvent.Launching::pid)
                .doesNotHaveDuplicates().allSatisfy(pid -> assertThat(ProcessHygiene.isAlive(pid)).isFalse());
        assertThat(session.state()).isInstanceOf(StartupState.Failed.class);
        assertThat(report()).contains("Exit code: 3").contains("| " + CRASH_LINE).contains("Attempts: 3 of 3");
        assertThat(logOfThisRun()).contains(CRASH_LINE);
        assertLastOutputInReportAndLog((StatusEvent.Failed) decided);
    }

    /** From each launch to the event that ended its attempt (the next retry, or the failure). */
    private List<Duration> attemptDurations() {
        List<StatusEvent> all = events.events();
        List<Duration> durations = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof StatusEvent.Launching launching && i + 1 < all.size()) {
                durations.add(Duration.between(launching.timestamp(), all.get(i + 1).timestamp()));
            }
        }
        return durations;
    }
}
