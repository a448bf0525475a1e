package io.lifeline.it;

import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.domain.model.BadHealthResponse;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MalformedHealthIT extends ScenarioTestBase {

    private static final Map<Setting<?>, String> SHORT = Map.of(Settings.STARTUP_TIMEOUT, "2s");

    @Test
    void malformed_notJson_isNotRetriedAndTheReportQuotesTheFirstBytes() throws Exception {
        StatusEvent decided = start("malformed", SHORT);

        assertThat(exitCodeOf(decided)).isEqualTo(ExitCode.BAD_HEALTH_RESPONSE);
        BadHealthResponse bad = (BadHealthResponse) ((StatusEvent.Failed) decided).cause();
        assertThat(bad.lastAnswer().kind()).isEqualTo(ProbeFailure.Kind.NOT_JSON);
        assertThat(events.names()).containsExactly("launching", "failed");
        assertThat(report()).contains("body starts: <html><body>Internal misconfiguration")
                .contains("docs/backend-contract.md")
                .contains("Last backend output:");
        assertThat(tookToDecide).isLessThan(Duration.ofSeconds(15));
        assertLastOutputInReportAndLog((StatusEvent.Failed) decided);
    }

    @Test
    void malformedTypes_servicesAsAList_isNotRetriedAndTheReportNamesTheField() throws Exception {
        StatusEvent decided = start("malformed-types", SHORT);

        assertThat(exitCodeOf(decided)).isEqualTo(ExitCode.BAD_HEALTH_RESPONSE);
        BadHealthResponse bad = (BadHealthResponse) ((StatusEvent.Failed) decided).cause();
        assertThat(bad.lastAnswer().kind()).isEqualTo(ProbeFailure.Kind.WRONG_SHAPE);
        assertThat(events.names()).containsExactly("launching", "failed");
        assertThat(report()).contains("'services'").contains("body starts: {");
        assertThat(tookToDecide).isLessThan(Duration.ofSeconds(15));
        assertLastOutputInReportAndLog((StatusEvent.Failed) decided);
    }
}
