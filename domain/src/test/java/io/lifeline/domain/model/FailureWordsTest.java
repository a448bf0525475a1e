package io.lifeline.domain.model;

import io.lifeline.domain.testing.HealthReports;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static io.lifeline.domain.testing.FlagNames.FLAGS;
import static org.assertj.core.api.Assertions.assertThat;

/** The words the domain puts together from what adapters and front ends supply. */
class FailureWordsTest {

    @Test
    void givenAMissingScript_thenTheRemedyNamesTheFolderSettingAndTheScriptsOwnName() {
        assertThat(new BackendScriptMissing("/srv/app/server.py").remedy(FLAGS))
                .isEqualTo("Point --backend-dir at the folder that holds the backend's server.py");
        assertThat(new BackendScriptMissing("C:\\app\\run.py").remedy(FLAGS)).endsWith("backend's run.py");
    }

    @Test
    void givenAFrontEndThatOnlyNamesSettings_thenAssigningIsTheNameAndTheValue() {
        SettingNames names = setting -> "the " + setting + " setting";

        assertThat(names.assign(RemedySetting.PORT, "8001")).isEqualTo("the PORT setting 8001");
    }

    @Test
    void givenTheInterpreterLanguage_thenSummaryAndRemedyUseItsWords() {
        InterpreterNotFound notFound = new InterpreterNotFound("Ruby", "3.2", List.of("ruby: too old"));

        assertThat(notFound.summary()).isEqualTo("No usable Ruby interpreter found (Ruby 3.2 or newer is required)");
        assertThat(notFound.remedy(FLAGS)).isEqualTo(
                "Install Ruby 3.2+ and put it on PATH, or point Lifeline at one with --python /path/to/ruby");
    }

    @Test
    void givenAReport_thenItDescribesItselfWithTheAnswerStatusNameAndServicesInOrder() {
        HealthReport report = new HealthReport(new HealthReport.Answer("HTTP 503", false), "degraded",
                Map.of("websocket", "healthy", "cache", "degraded"), Optional.of("api"), OptionalLong.empty(),
                Optional.empty(), Optional.empty());

        assertThat(report.describe())
                .isEqualTo("HTTP 503, status degraded, service api, services {cache=degraded, websocket=healthy}");
        assertThat(HealthReport.of("healthy", Map.of()).describe()).isEqualTo("OK, status healthy");
    }

    @Test
    void givenVerdicts_thenOnlyReadyOnesCarryTheirReportAndOnlyTroubledOnesTheirServices() {
        HealthReport healthy = HealthReports.healthy();
        HealthReport degradedReport = HealthReports.databaseDegraded();
        HealthVerdict degraded = new HealthVerdict.Degraded(Map.of("database", "degraded"), degradedReport);
        HealthVerdict unhealthy = new HealthVerdict.Unhealthy(Map.of("cache", "unhealthy"), "overall status down");

        assertThat(new HealthVerdict.Healthy(healthy).readyReport()).contains(healthy);
        assertThat(degraded.readyReport()).contains(degradedReport);
        assertThat(unhealthy.readyReport()).isEmpty();
        assertThat(new HealthVerdict.Healthy(healthy).describe()).isEqualTo("healthy");
        assertThat(degraded.troubledServices()).containsEntry("database", "degraded");
        assertThat(unhealthy.troubledServices()).containsEntry("cache", "unhealthy");
        assertThat(new HealthVerdict.Healthy(healthy).troubledServices()).isEmpty();
    }
}
