package io.lifeline.domain.model;

import io.lifeline.domain.testing.HealthReports;
import io.lifeline.domain.testing.StartupFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.lifeline.domain.testing.FlagNames.FLAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupFailureTest {

    private static final Set<FailureClass> RETRYABLE = EnumSet.of(FailureClass.EXITED_DURING_STARTUP,
            FailureClass.HEALTH_TIMEOUT, FailureClass.UNHEALTHY_SERVICES, FailureClass.BACKEND_EXITED,
            FailureClass.LIVENESS_FAILED, FailureClass.OWNERSHIP_NOT_PROVEN);

    /** The kinds another attempt can help with: the backend ran and went wrong, rather than could not run. */
    private static final Set<Class<? extends StartupFailure>> RETRIED = Set.of(
            ExitedDuringStartup.class, HealthTimeout.class, ReadyLineNotSeen.class,
            UnhealthyServices.class, BackendExited.class,
            LivenessFailed.class, OwnershipNotProven.class);
    /** The kinds whose report has supporting lines under the summary. */
    private static final Set<Class<? extends StartupFailure>> WITH_DETAILS = Set.of(
            InterpreterNotFound.class, RestartLimitReached.class,
            PortMismatch.class);

    static List<StartupFailure> everyFailure() {
        return StartupFailures.oneOfEach();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FailureClass.class)
    void givenFailureClass_thenOnlyExitsTimeoutsAndUnhealthyBackendsAreRetryable(FailureClass failureClass) {
        assertThat(failureClass.retryable()).isEqualTo(RETRYABLE.contains(failureClass));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFailure")
    void givenAnyFailure_thenItHasASummaryAndARemedy(StartupFailure failure) {
        assertThat(failure.summary()).isNotBlank();
        assertThat(failure.remedy(FLAGS)).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFailure")
    void givenAnyFailure_thenOnlyRejectedInterpretersRestartsAndPortLinesAreSupportingDetails(
            StartupFailure failure) {
        if (WITH_DETAILS.contains(failure.getClass())) {
            assertThat(failure.details()).isNotEmpty().allSatisfy(line -> assertThat(line).isNotBlank());
        } else {
            assertThat(failure.details()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFailure")
    void givenAnyFailure_thenOnlyCrashesTimeoutsAndUnhealthyOrLostBackendsAreRetried(StartupFailure failure) {
        assertThat(failure.retryable()).isEqualTo(RETRIED.contains(failure.getClass()));
    }

    @Test
    void givenTheObjectMother_thenItCoversEveryKindOfFailureAndEveryClass() {
        Set<Class<?>> covered = everyFailure().stream().map(Object::getClass).collect(Collectors.toSet());
        Set<FailureClass> classes = everyFailure().stream().map(StartupFailure::failureClass)
                .collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrder(StartupFailure.class.getPermittedSubclasses());
        assertThat(classes).containsExactlyInAnyOrder(FailureClass.values());
    }

    @Test
    void givenMissingPackages_thenTheRemedyIsTheInstallCommand() {
        PackagesMissing failure = StartupFailures.packagesMissing();

        assertThat(failure.summary()).isEqualTo("Required Python packages are missing for /usr/bin/python3: fastapi");
        assertThat(failure.remedy(FLAGS))
                .isEqualTo("Install them: /usr/bin/python3 -m pip install -r /srv/lifeline/backend/requirements.txt");
    }

    @Test
    void givenPortInUse_thenTheSummaryNamesPortAndHolderAndTheRemedyHowToFindIt() {
        PortInUse failure = StartupFailures.portInUse();

        assertThat(failure.summary()).isEqualTo("Port 8000 on 127.0.0.1 is held by another process: nginx (pid 812)");
        assertThat(failure.remedy(FLAGS)).contains("lsof -i :8000").contains("--port");
    }

    @Test
    void givenExitDuringStartup_thenTheSummaryEndsWithTheLastOutputLine() {
        assertThat(StartupFailures.exitedDuringStartup().summary())
                .isEqualTo("Backend exited during startup with code 3: RuntimeError: boom");
        assertThat(new ExitedDuringStartup(1, List.of()).summary())
                .isEqualTo("Backend exited during startup with code 1");
    }

    @Test
    void givenInterpreterNotFound_thenTheRejectionsAreTheDetails() {
        assertThat(StartupFailures.interpreterNotFound().details())
                .containsExactly("/usr/bin/python3: Python 3.8.10 is too old");
    }

    @Test
    void givenRestartLimitReached_thenEachDownIsADetailOldestFirst() {
        RestartLimitReached failure = new RestartLimitReached(2, Duration.ofSeconds(60),
                List.of("Backend exited with code 1: RuntimeError: lost the database", "liveness failed 3 times"));

        assertThat(failure.details()).containsExactly("Backend exited with code 1: RuntimeError: lost the database",
                "liveness failed 3 times");
    }

    @Test
    void givenPortMismatch_thenTheDetailIsTheBackendsOwnLineWithoutSurroundingSpace() {
        PortMismatch failure = new PortMismatch(Endpoint.DEFAULT, 8001,
                "  INFO:     Uvicorn running on http://127.0.0.1:8001 \r", Duration.ofSeconds(30));

        assertThat(failure.details())
                .containsExactly("backend output: INFO:     Uvicorn running on http://127.0.0.1:8001");
    }

    @Test
    void givenHealthTimeout_thenTheSummaryNamesTheTimeoutAndTheLastProbe() {
        assertThat(StartupFailures.healthTimeout().summary()).isEqualTo(
                "Backend did not become healthy within 30s; last probe: unreachable (connection refused)");
        assertThat(StartupFailures.healthTimeoutWithoutAnyProbe().summary()).isEqualTo(
                "Backend did not become healthy within 30s; last probe: none completed (probe timeout 5s)");
    }

    @Test
    void givenDegradedServices_thenTheRemedyMentionsAcceptDegraded() {
        UnhealthyServices degraded = StartupFailures.databaseDegraded();

        assertThat(degraded.services()).isEqualTo(Map.of("database", "degraded"));
        assertThat(degraded.summary()).isEqualTo("Backend answered but is not healthy: degraded (database: degraded)");
        assertThat(degraded.remedy(FLAGS)).contains("acceptDegraded");
        assertThat(StartupFailures.cacheUnhealthy().remedy(FLAGS)).doesNotContain("acceptDegraded");
        assertThat(StartupFailures.cacheUnhealthy().services()).isEqualTo(Map.of("cache", "unhealthy"));
    }

    @Test
    void givenAHealthyVerdict_whenMakingUnhealthyServices_thenRejected() {
        assertThatThrownBy(() -> new UnhealthyServices(
                new HealthVerdict.Healthy(HealthReports.healthy())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unhealthy services need a degraded or unhealthy verdict");
    }

    @Test
    void givenAnUnhealthyAnswerThatNamesNoService_thenTheRemedyPointsAtTheHealthPath() {
        UnhealthyServices notFound = new UnhealthyServices(new HealthVerdict.Unhealthy(java.util.Map.of(), "HTTP 404"));

        assertThat(notFound.remedy(FLAGS)).startsWith("No service is named, so the answer itself says not healthy:"
                + " check that --health-path is the backend's health endpoint");
        assertThat(StartupFailures.cacheUnhealthy().remedy(FLAGS))
                .isEqualTo("Check the backend log for why these services are not healthy");
    }

    @Test
    void givenTheReadyLineWasNotSeen_thenItIsATimeoutThatNamesThePatternAndTheSetting() {
        ReadyLineNotSeen notSeen = StartupFailures.readyLineNotSeen();

        assertThat(notSeen.retryable()).isTrue();
        assertThat(notSeen.summary()).isEqualTo("Backend did not print its ready line /Listening on port \\d+/ within 30s");
        assertThat(notSeen.remedy(FLAGS)).contains("--startup-timeout").contains("--ready-line");
    }
}
