package io.lifeline.it;

import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.StartBackendCommand;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HealthyBackendIT extends StartFlowTestBase {

    @Test
    void givenHealthyFixture_whenStarting_thenConnectedOnFirstAttemptAndStopLeavesNothing() throws Exception {
        StartBackendCommand command = Fixture.command("healthy");

        StatusEvent decided = startAndAwaitDecision(command);

        assertThat(decided).isInstanceOf(StatusEvent.Connected.class);
        StatusEvent.Connected connected = (StatusEvent.Connected) decided;
        assertThat(connected.attempt()).isEqualTo(1);
        assertThat(connected.attached()).isFalse();
        assertThat(connected.endpoint()).isEqualTo(command.endpoint());
        assertThat(connected.correlationId().value()).matches("backend-startup-\\d{13}");
        long pid = connected.pid().orElseThrow();
        assertThat(ProcessHygiene.isAlive(pid)).isTrue();
        assertThat(events.names()).containsExactly("launching", "connected");
        assertThat(session.state()).isInstanceOf(StartupState.Connected.class);

        session.stop().toCompletableFuture().get(15, TimeUnit.SECONDS);

        assertThat(events.names()).containsExactly("launching", "connected", "stopped");
        assertThat(ProcessHygiene.isAlive(pid)).isFalse();
        assertThat(session.state()).isInstanceOf(StartupState.Stopped.class);
    }
}
