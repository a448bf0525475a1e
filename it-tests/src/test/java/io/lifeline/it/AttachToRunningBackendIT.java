package io.lifeline.it;

import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AttachToRunningBackendIT extends ScenarioTestBase {

    private Process running;

    @AfterEach
    void endTheBackendThisTestStarted() throws Exception {
        Fixture.end(running);
    }

    @Test
    void alreadyRunning_attachesWithoutSpawningAndLeavesItRunning() throws Exception {
        int port = Fixture.freePort();
        running = Fixture.startByHand("healthy", port, Map.of());
        Fixture.awaitAnswering(port);

        StatusEvent decided = start("healthy", Map.of(Settings.PORT, Integer.toString(port)));

        assertThat(decided).isInstanceOf(StatusEvent.Connected.class);
        StatusEvent.Connected connected = (StatusEvent.Connected) decided;
        assertThat(connected.attached()).isTrue();
        assertThat(connected.attempt()).isZero();
        assertThat(connected.pid()).hasValue(running.pid());
        assertThat(events.names()).containsExactly("connected");
        assertThat(terminalOutput()).contains("attached to the backend already running, pid " + running.pid());
        assertThat(ProcessHygiene.livingDescendants()).extracting(ProcessHandle::pid).containsExactly(running.pid());

        session.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(events.names()).containsExactly("connected", "stopped");
        assertThat(running.isAlive()).as("a backend Lifeline did not start is not Lifeline's to stop").isTrue();
    }
}
