package io.lifeline.it;

import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.domain.model.PackagesMissing;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MissingDependencyIT extends ScenarioTestBase {

    @Test
    void missingDependency_isNotRetriedAndTheReportNamesTheModuleAndTheInstallCommand() throws Exception {
        StatusEvent decided = start("missing-dependency", Map.of());

        assertThat(exitCodeOf(decided)).isEqualTo(ExitCode.PACKAGES_MISSING);
        StatusEvent.Failed failed = (StatusEvent.Failed) decided;
        assertThat(failed.attempts()).isEqualTo(1);
        PackagesMissing missing = (PackagesMissing) failed.cause();
        assertThat(missing.modules()).isEqualTo(List.of("fixture_missing_dependency"));
        assertThat(missing.installCommand()).isEqualTo(Fixture.PYTHON + " -m pip install -r "
                + Fixture.DIR.resolve("requirements.txt"));
        assertThat(events.names()).containsExactly("launching", "failed");
        assertThat(session.state()).isInstanceOf(StartupState.Failed.class);
        assertThat(report()).contains("fixture_missing_dependency")
                .contains("Install them: " + missing.installCommand())
                .contains("not retried")
                .contains("| ModuleNotFoundError: No module named 'fixture_missing_dependency'");
        assertThat(logOfThisRun()).contains("ModuleNotFoundError: No module named 'fixture_missing_dependency'");
        assertThat(tookToDecide).isLessThan(Duration.ofSeconds(10));
        assertLastOutputInReportAndLog((StatusEvent.Failed) decided);
    }
}
