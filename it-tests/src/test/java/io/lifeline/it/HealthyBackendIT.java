package io.lifeline.it;

import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HealthyBackendIT extends ScenarioTestBase {

    @Test
    void healthy_connectsOnFirstAttemptAndStopLeavesNothing() throws Exception {
        StatusEvent decided = start("healthy", Map.of());

        assertThat(decided).isInstanceOf(StatusEvent.Connected.class);
        StatusEvent.Connected connected = (StatusEvent.Connected) decided;
        assertThat(connected.attempt()).isEqualTo(1);
        assertThat(connected.attached()).isFalse();
        assertThat(connected.endpoint().port()).isEqualTo(port());
        assertThat(connected.correlationId().value()).matches("backend-startup-\\d{13}");
        long pid = connected.pid().orElseThrow();
        assertThat(ProcessHygiene.isAlive(pid)).isTrue();
        assertThat(events.names()).containsExactly("launching", "connected");
        assertThat(session.state()).isInstanceOf(StartupState.Connected.class);
        assertThat(terminalOutput()).containsPattern(
                "\\[backend-startup-\\d+] connected on 127\\.0\\.0\\.1:" + port() + " \\(pid " + pid + ", attempt 1, ");
        assertThat(tookToDecide).isLessThan(Duration.ofSeconds(20));

        session.stop().toCompletableFuture().get(15, TimeUnit.SECONDS);

        assertThat(events.names()).containsExactly("launching", "connected", "stopped");
        assertThat(ProcessHygiene.isAlive(pid)).isFalse();
        assertThat(session.state()).isInstanceOf(StartupState.Stopped.class);
        assertThat(report()).isEmpty();
        assertThat(logOfThisRun()).contains("Uvicorn running on http://127.0.0.1:" + port())
                .contains("waiting-for-health -> connected");
    }
}
