package io.lifeline.domain.model;

import io.lifeline.domain.testing.HealthReports;
import io.lifeline.domain.testing.ProbeFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.lifeline.domain.testing.HealthReports.DEGRADED;
import static io.lifeline.domain.testing.HealthReports.UNHEALTHY;
import static io.lifeline.domain.testing.HealthReports.aHealthyReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class HealthAcceptanceTest {

    private static final HealthAcceptance STRICT = HealthAcceptance.DEFAULT;
    private static final HealthAcceptance LENIENT = HealthAcceptance.DEFAULT.withAcceptDegraded(true);

    /** observation, expected verdict, accepted by default, accepted with acceptDegraded. */
    static Stream<Arguments> evaluationTable() {
        HealthReport databaseDegraded = HealthReports.databaseDegraded();
        HealthReport overallDegraded = aHealthyReport().withStatus(DEGRADED).build();
        HealthReport healthy = HealthReports.healthy();
        HealthReport extraServiceDown = aHealthyReport().withService("metrics", UNHEALTHY).build();
        HealthReport upperCase = aHealthyReport().withStatus("HEALTHY").withService("cache", "Healthy").build();
        ProbeFailure refused = ProbeFailures.refused();
        return Stream.of(
                arguments("all healthy", healthy, new HealthVerdict.Healthy(healthy), true, true),
                arguments("database degraded", databaseDegraded,
                        new HealthVerdict.Degraded(Map.of("database", DEGRADED), databaseDegraded), false, true),
                arguments("cache unhealthy", HealthReports.cacheUnhealthy(),
                        new HealthVerdict.Unhealthy(Map.of("cache", UNHEALTHY), "overall status unhealthy"),
                        false, false),
                arguments("websocket missing", aHealthyReport().withoutService("websocket").build(),
                        new HealthVerdict.Unhealthy(Map.of("websocket", "missing"), "overall status healthy"),
                        false, false),
                arguments("unknown service status 'starting'",
                        aHealthyReport().withService("database", "starting").build(),
                        new HealthVerdict.Unhealthy(Map.of("database", "starting"), "overall status healthy"),
                        false, false),
                arguments("overall degraded, services healthy", overallDegraded,
                        new HealthVerdict.Degraded(Map.of(), overallDegraded), false, true),
                arguments("overall unhealthy, services healthy", aHealthyReport().withStatus(UNHEALTHY).build(),
                        new HealthVerdict.Unhealthy(Map.of(), "overall status unhealthy"), false, false),
                arguments("HTTP 503 with healthy body", aHealthyReport().withHttpStatus(503).build(),
                        new HealthVerdict.Unhealthy(Map.of(), "HTTP 503, status healthy"), false, false),
                arguments("HTTP 503 with degraded database", aHealthyReport().withHttpStatus(503)
                                .withService("database", DEGRADED).build(),
                        new HealthVerdict.Unhealthy(Map.of("database", DEGRADED), "HTTP 503, status healthy"),
                        false, false),
                arguments("probe failure", refused, new HealthVerdict.Unreachable(refused), false, false),
                arguments("extra unrequired service unhealthy", extraServiceDown,
                        new HealthVerdict.Healthy(extraServiceDown), true, true),
                arguments("statuses in any letter case", upperCase, new HealthVerdict.Healthy(upperCase), true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evaluationTable")
    void givenObservation_whenEvaluating_thenVerdictAndAcceptanceAsInTheTable(
            String scenario, HealthObservation observation, HealthVerdict expected,
            boolean acceptedByDefault, boolean acceptedWhenDegradedIsAccepted) {

        HealthVerdict verdict = STRICT.evaluate(observation);

        assertThat(verdict).isEqualTo(expected);
        assertThat(LENIENT.evaluate(observation)).isEqualTo(expected);
        assertThat(STRICT.accepts(verdict)).as("accepted by default").isEqualTo(acceptedByDefault);
        assertThat(LENIENT.accepts(verdict)).as("accepted with acceptDegraded")
                .isEqualTo(acceptedWhenDegradedIsAccepted);
    }

    @Test
    void givenDefaults_thenCacheWebsocketDatabaseRequiredAndDegradedNotAccepted() {
        assertThat(HealthAcceptance.DEFAULT.requiredServices()).containsExactlyInAnyOrder("cache", "websocket",
                "database");
        assertThat(HealthAcceptance.DEFAULT.acceptDegraded()).isFalse();
    }

    @Test
    void givenUnhealthyAndDegradedServices_whenEvaluating_thenUnhealthyWinsAndNamesTheUnhealthyOne() {
        HealthReport report = aHealthyReport().withService("cache", UNHEALTHY).withService("database", DEGRADED)
                .build();

        HealthVerdict verdict = STRICT.evaluate(report);

        assertThat(verdict).isInstanceOf(HealthVerdict.Unhealthy.class);
        assertThat(((HealthVerdict.Unhealthy) verdict).services()).containsEntry("cache", UNHEALTHY);
        assertThat(verdict.describe()).contains("cache: unhealthy");
    }

    @Test
    void givenNoRequiredServices_whenEvaluatingAHealthyOverallStatus_thenHealthy() {
        HealthAcceptance anything = new HealthAcceptance(Set.of(), false);
        HealthReport bare = HealthReport.of("healthy", Map.of());

        assertThat(anything.evaluate(bare)).isEqualTo(new HealthVerdict.Healthy(bare));
    }

    @Test
    void givenBlankServiceName_whenCreating_thenRejected() {
        assertThatThrownBy(() -> new HealthAcceptance(Set.of("cache", " "), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("required service names must not be empty");
    }

    @Test
    void givenMutableSetOfServices_whenChangedAfterCreation_thenTheAcceptanceDoesNotChange() {
        Set<String> services = new HashSet<>(Set.of("cache"));
        HealthAcceptance acceptance = new HealthAcceptance(services, false);

        services.add("database");

        assertThat(acceptance.requiredServices()).containsExactly("cache");
    }

    @Test
    void givenVerdicts_whenDescribed_thenServicesAreListedInStableOrder() {
        HealthVerdict degraded = new HealthVerdict.Degraded(Map.of("websocket", DEGRADED, "database", DEGRADED),
                HealthReports.databaseDegraded());

        assertThat(degraded.describe()).isEqualTo("degraded (database: degraded, websocket: degraded)");
        assertThat(new HealthVerdict.Unreachable(ProbeFailures.refused()).describe())
                .isEqualTo("unreachable (connection refused)");
        assertThat(new HealthVerdict.Unhealthy(Map.of(), "HTTP 503, status healthy").describe())
                .isEqualTo("unhealthy (HTTP 503, status healthy)");
    }
}
