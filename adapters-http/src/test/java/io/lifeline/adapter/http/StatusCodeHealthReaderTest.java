package io.lifeline.adapter.http;

import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.HealthVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusCodeHealthReaderTest {

    private static final HealthAcceptance ONLY_STATUS = new HealthAcceptance(Set.of(), false);

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204, 299})
    void givenAny2xx_whenReading_thenHealthyWithoutServices(int status) {
        HealthObservation observation = StatusCodeHealthReader.any2xx().read(status, new byte[0]);

        assertThat(observation).isEqualTo(report("HTTP " + status, true, "healthy"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json at all", "{\"status\": \"down\"}", "{\"status\": \"ok\"} trailing"})
    void givenAcceptedCodeAndAnyBody_whenReading_thenTheBodyIsIgnored(String body) {
        HealthObservation observation = StatusCodeHealthReader.any2xx().read(200,
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(observation).isEqualTo(report("HTTP 200", true, "healthy"));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 500, 503})
    void givenAny2xxAndAnErrorCode_whenReading_thenAReadableUnhealthyReportThatIsNotASuccess(int status) {
        HealthObservation observation = StatusCodeHealthReader.any2xx().read(status,
                "{\"status\": \"healthy\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(observation).isEqualTo(report("HTTP " + status + ", expected 2xx", false, "unhealthy"));
    }

    @Test
    void givenUnacceptedCode_whenJudged_thenUnhealthyWithTheCodeAndTheExpectation() {
        HealthVerdict verdict = ONLY_STATUS.evaluate(StatusCodeHealthReader.any2xx().read(503, new byte[0]));

        assertThat(verdict).isInstanceOf(HealthVerdict.Unhealthy.class);
        assertThat(verdict.describe()).isEqualTo("unhealthy (HTTP 503, expected 2xx, status unhealthy)");
    }

    @Test
    void givenAcceptedCode_whenJudgedWithoutRequiredServices_thenHealthy() {
        HealthVerdict verdict = ONLY_STATUS.evaluate(StatusCodeHealthReader.any2xx().read(200, new byte[0]));

        assertThat(verdict).isInstanceOf(HealthVerdict.Healthy.class);
    }

    @Test
    void givenChosenCodes_whenReading_thenOnlyThoseAreHealthy() {
        StatusCodeHealthReader reader = new StatusCodeHealthReader(Set.of(204, 200, 401));

        assertThat(reader.read(401, new byte[0])).isEqualTo(report("HTTP 401", true, "healthy"));
        assertThat(reader.read(204, new byte[0])).isEqualTo(report("HTTP 204", true, "healthy"));
        assertThat(reader.read(201, new byte[0]))
                .isEqualTo(report("HTTP 201, expected 200 or 204 or 401", false, "unhealthy"));
    }

    @Test
    void givenCodesTheCallerChangesLater_whenReading_thenTheReaderKeepsItsOwnCopy() {
        Set<Integer> codes = new HashSet<>(Set.of(200));
        StatusCodeHealthReader reader = new StatusCodeHealthReader(codes);

        codes.add(503);

        assertThat(((HealthReport) reader.read(503, new byte[0])).answer().successful()).isFalse();
    }

    @Test
    void givenNoCodes_whenCreating_thenRefused() {
        assertThatThrownBy(() -> new StatusCodeHealthReader(Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accepted status codes must not be empty");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 100, 199, 600, 999})
    void givenCodeOutsideHttpAnswers_whenCreating_thenRefused(int code) {
        assertThatThrownBy(() -> new StatusCodeHealthReader(Set.of(code)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accepted status code must be between 200 and 599, was " + code);
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 301, 302, 307, 399})
    void givenRedirectCode_whenCreating_thenRefusedBecauseTheProbeNeverPassesOne(int code) {
        assertThatThrownBy(() -> new StatusCodeHealthReader(Set.of(200, code)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be a redirect (3xx), was " + code);
    }

    @Test
    void givenNullCodes_whenCreating_thenRefused() {
        assertThatThrownBy(() -> new StatusCodeHealthReader(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void givenCodesAtTheEdgesOfWhatMayBeAccepted_whenCreating_thenAccepted() {
        StatusCodeHealthReader reader = new StatusCodeHealthReader(Set.of(200, 299, 400, 599));

        assertThat(reader.read(599, new byte[0])).isInstanceOf(HealthReport.class);
        assertThat(reader.read(400, new byte[0])).isInstanceOf(HealthReport.class);
    }

    private static HealthReport report(String description, boolean successful, String status) {
        return new HealthReport(new HealthReport.Answer(description, successful), status, Map.of(),
                Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty());
    }
}
