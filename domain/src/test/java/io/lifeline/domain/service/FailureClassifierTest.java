package io.lifeline.domain.service;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.FailureClass;
import io.lifeline.domain.model.HealthTimeout;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.PortMismatch;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.model.UnhealthyServices;
import io.lifeline.domain.testing.HealthReports;
import io.lifeline.domain.testing.ProbeFailures;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The classifier with the generic profile: timeouts, and exits any program can explain. */
class FailureClassifierTest {

    private static final BackendSpec BACKEND = new BackendSpec(Path.of("/srv/backend"), List.of("server"), List.of(),
            Optional.empty());
    private static final Endpoint ENDPOINT = new Endpoint("127.0.0.1", 8000);
    private static final TimeoutPolicy TIMEOUTS = TimeoutPolicy.DEFAULT;

    private final FailureClassifier classifier = new FailureClassifier(BackendProfile.GENERIC);

    // ---- exits ----

    @Test
    void givenTheOperatingSystemsBindError_whenClassifyingTheExit_thenPortInUseNotRetryable() {
        StartupFailure failure = classifier.classifyExit(1, List.of("listen: Address already in use"), BACKEND,
                "/srv/backend/server", ENDPOINT);

        assertThat(failure).isEqualTo(new PortInUse(ENDPOINT,
                "the backend could not bind it: listen: Address already in use"));
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void givenOutputTheGenericProfileDoesNotKnow_whenClassifyingTheExit_thenExitedDuringStartupRetryable() {
        List<String> lines = List.of("panic: something", "exit status 2");

        StartupFailure failure = classifier.classifyExit(2, lines, BACKEND, "/srv/backend/server", ENDPOINT);

        assertThat(failure).isEqualTo(new ExitedDuringStartup(2, lines));
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void givenTwoBindErrors_whenClassifyingTheExit_thenTheLastOneIsQuoted() {
        StartupFailure failure = classifier.classifyExit(1, List.of("bind: address already in use (first)",
                "retrying", "bind: address already in use (second)"), BACKEND, "/srv/backend/server", ENDPOINT);

        assertThat(failure).isEqualTo(new PortInUse(ENDPOINT,
                "the backend could not bind it: bind: address already in use (second)"));
    }

    @Test
    void givenNothingAnsweredAndTheOnlyOutputLineSaysAnotherPort_whenTimingOut_thenPortMismatch() {
        StartupFailure failure = classifier.classifyTimeout(TIMEOUTS, Optional.empty(),
                List.of("Listening on http://127.0.0.1:8001"), Optional.of(ENDPOINT));

        assertThat(failure).isInstanceOfSatisfying(PortMismatch.class,
                mismatch -> assertThat(mismatch.listeningPort()).isEqualTo(8001));
    }

    // ---- timeouts ----

    @Test
    void givenTimeoutAfterADegradedAnswer_whenClassifying_thenUnhealthyServicesNamingTheService() {
        HealthVerdict degraded = new HealthVerdict.Degraded(Map.of("database", "degraded"),
                HealthReports.databaseDegraded());

        StartupFailure failure = classifier.classifyTimeout(TIMEOUTS, Optional.of(degraded));

        assertThat(failure).isEqualTo(new UnhealthyServices(degraded));
        assertThat(failure.summary()).contains("database: degraded");
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void givenTimeoutAfterAnUnhealthyAnswer_whenClassifying_thenUnhealthyServices() {
        HealthVerdict unhealthy = new HealthVerdict.Unhealthy(Map.of("cache", "unhealthy"), "overall status unhealthy");

        assertThat(classifier.classifyTimeout(TIMEOUTS, Optional.of(unhealthy)).failureClass())
                .isEqualTo(FailureClass.UNHEALTHY_SERVICES);
    }

    @Test
    void givenTimeoutWhileUnreachable_whenClassifying_thenHealthTimeoutNamingTimeoutAndLastProbe() {
        HealthVerdict unreachable = new HealthVerdict.Unreachable(ProbeFailures.refused());

        StartupFailure failure = classifier.classifyTimeout(TIMEOUTS, Optional.of(unreachable));

        assertThat(failure).isEqualTo(new HealthTimeout(Duration.ofSeconds(30), Duration.ofSeconds(5),
                Optional.of(unreachable)));
        assertThat(failure.summary()).contains("within 30s").contains("last probe: unreachable (connection refused)");
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void givenTimeoutWithoutAnyCompletedProbe_whenClassifying_thenHealthTimeoutSayingSoWithTheProbeTimeout() {
        StartupFailure failure = classifier.classifyTimeout(TIMEOUTS, Optional.empty());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.HEALTH_TIMEOUT);
        assertThat(failure.summary()).contains("within 30s").contains("none completed (probe timeout 5s)");
    }
}
