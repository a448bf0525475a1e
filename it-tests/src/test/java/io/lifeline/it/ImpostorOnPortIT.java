package io.lifeline.it;

import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImpostorOnPortIT extends ScenarioTestBase {

    private Process impostor;

    @AfterEach
    void endTheImpostor() throws Exception {
        Fixture.end(impostor);
    }

    @Test
    void impostor_isNotAttachedToNorRetriedAndTheReportSaysWhatAnswers() throws Exception {
        int port = Fixture.freePort();
        impostor = Fixture.startByHand("impostor", port, Map.of());
        Fixture.awaitAnswering(port);

        StatusEvent decided = start("healthy", Map.of(Settings.PORT, Integer.toString(port)));

        assertThat(exitCodeOf(decided)).isEqualTo(ExitCode.PORT_IN_USE);
        StatusEvent.Failed failed = (StatusEvent.Failed) decided;
        assertThat(failed.attempts()).isZero();
        PortInUse portInUse = (PortInUse) failed.cause();
        assertThat(portInUse.observation()).contains("another service answers: 'impostor-service'")
                .contains("pid " + impostor.pid());
        assertThat(portInUse.holder()).hasValueSatisfying(holder -> assertThat(holder.pid()).isEqualTo(impostor.pid()));
        assertThat(events.names()).containsExactly("failed");
        assertThat(session.state()).isInstanceOf(StartupState.Failed.class);
        assertThat(report()).contains("'impostor-service'").contains("kill " + impostor.pid())
                .contains("not retried");
        assertThat(ProcessHygiene.livingDescendants()).extracting(ProcessHandle::pid)
                .as("nothing was launched").containsExactly(impostor.pid());
        assertThat(impostor.isAlive()).as("not Lifeline's to stop").isTrue();
        assertThat(tookToDecide).isLessThan(Duration.ofSeconds(10));
    }
}
