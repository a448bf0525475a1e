package io.lifeline.it;

import io.lifeline.domain.model.FailureClass;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.StartBackendCommand;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DegradedBackendIT extends StartFlowTestBase {

    @Test
    void givenDegradedDatabase_whenStarting_thenNotConnectedAndReportNamesDatabaseDegraded() throws Exception {
        StartBackendCommand base = Fixture.command("degraded");
        StartBackendCommand command = new StartBackendCommand(base.backend(), base.endpoint(),
                base.retry().withMaxAttempts(2),
                base.timeouts().withStartupTimeout(Duration.ofSeconds(3)), base.acceptance(), base.stopGrace());

        StatusEvent decided = startAndAwaitDecision(command);

        assertThat(decided).isInstanceOf(StatusEvent.Failed.class);
        StatusEvent.Failed failed = (StatusEvent.Failed) decided;
        assertThat(failed.cause().failureClass()).isEqualTo(FailureClass.UNHEALTHY_SERVICES);
        assertThat(((StartupFailure.UnhealthyServices) failed.cause()).services())
                .isEqualTo(Map.of("database", "degraded"));
        assertThat(failed.cause().summary()).contains("database: degraded");
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(events.names()).containsExactly(
                "launching", "degraded", "retrying", "launching", "degraded", "failed");
        assertThat(events.all(StatusEvent.Degraded.class))
                .allSatisfy(degraded -> assertThat(degraded.services()).containsEntry("database", "degraded"));
    }

    @Test
    void givenDegradedAccepted_whenStarting_thenConnectedAndDegradedReported() throws Exception {
        StartBackendCommand base = Fixture.command("degraded");
        StartBackendCommand command = new StartBackendCommand(base.backend(), base.endpoint(), base.retry(),
                base.timeouts(), base.acceptance().withAcceptDegraded(true), base.stopGrace());

        StatusEvent decided = startAndAwaitDecision(command);

        assertThat(decided).isInstanceOf(StatusEvent.Connected.class);
        assertThat(events.names()).containsExactly("launching", "connected", "degraded");
    }
}
