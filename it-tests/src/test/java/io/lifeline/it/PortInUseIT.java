package io.lifeline.it;

import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PortInUseIT extends ScenarioTestBase {

    @Test
    void portInUse_byAForeignListener_isNotRetriedAndTheReportNamesTheHoldersPidAndCommand() throws Exception {
        try (ServerSocket foreign = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(foreign.getLocalPort());

            StatusEvent decided = start("healthy", Map.of(Settings.PORT, port));

            assertThat(exitCodeOf(decided)).isEqualTo(ExitCode.PORT_IN_USE);
            StatusEvent.Failed failed = (StatusEvent.Failed) decided;
            assertThat(failed.attempts()).isZero();
            PortInUse portInUse = (PortInUse) failed.cause();
            long self = ProcessHandle.current().pid();
            assertThat(portInUse.holder()).hasValueSatisfying(holder -> {
                assertThat(holder.pid()).isEqualTo(self);
                assertThat(holder.commandLine()).hasValueSatisfying(command -> assertThat(command).contains("java"));
            });
            assertThat(events.names()).containsExactly("failed");
            assertThat(session.state()).isInstanceOf(StartupState.Failed.class);
            assertThat(report()).contains("is held by pid " + self + " (").contains("kill " + self)
                    .contains("no answer within 1s").contains("not retried");
            assertThat(tookToDecide).isLessThan(Duration.ofSeconds(10));
        }
    }
}
