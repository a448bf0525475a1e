package io.lifeline.domain.service;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.FailureClass;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.testing.HealthReports;
import io.lifeline.domain.testing.ProbeFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassifierTest {

    private static final String PYTHON = "/opt/venv/bin/python";
    private static final BackendSpec BACKEND = BackendSpec.in(Path.of("/srv/backend"));
    private static final Endpoint ENDPOINT = new Endpoint("127.0.0.1", 8000);
    private static final TimeoutPolicy TIMEOUTS = TimeoutPolicy.DEFAULT;

    private final FailureClassifier classifier = new FailureClassifier();

    // ---- exits ----

    @Test
    void givenModuleNotFoundInTheOutput_whenClassifyingTheExit_thenPackagesMissingWithTheInstallCommand() {
        StartupFailure failure = exitWith(1, "Traceback (most recent call last):", "  File \"main.py\", line 1",
                "ModuleNotFoundError: No module named 'fastapi'");

        assertThat(failure).isEqualTo(new StartupFailure.PackagesMissing(List.of("fastapi"), PYTHON,
                "/opt/venv/bin/python -m pip install -r /srv/backend/requirements.txt"));
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void givenSubmoduleNotFound_whenClassifyingTheExit_thenTheTopLevelPackageIsNamed() {
        StartupFailure failure = exitWith(1, "ModuleNotFoundError: No module named 'uvicorn.protocols.http'");

        assertThat(((StartupFailure.PackagesMissing) failure).modules()).containsExactly("uvicorn");
    }

    @Test
    void givenSeveralMissingModules_whenClassifyingTheExit_thenEachIsNamedOnceInOrder() {
        StartupFailure failure = exitWith(1, "ModuleNotFoundError: No module named 'fastapi'",
                "ModuleNotFoundError: No module named 'uvicorn'", "ModuleNotFoundError: No module named 'fastapi.x'");

        assertThat(((StartupFailure.PackagesMissing) failure).modules()).containsExactly("fastapi", "uvicorn");
    }

    @Test
    void givenAnInterpreterPathWithSpaces_whenClassifyingMissingPackages_thenTheInstallCommandQuotesIt() {
        String interpreter = "C:\\Program Files\\Python312\\python.exe";

        StartupFailure failure = classifier.classifyExit(1, List.of("ModuleNotFoundError: No module named 'x'"),
                BACKEND, interpreter, ENDPOINT);

        assertThat(failure.remedy()).contains("\"C:\\Program Files\\Python312\\python.exe\" -m pip install -r ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "ERROR:    [Errno 98] error while attempting to bind on address ('127.0.0.1', 8000): address already in use",
            "OSError: [Errno 98] Address already in use",
            "OSError: [Errno 48] Address already in use",
            "[WinError 10048] only one usage of each socket address is normally permitted"})
    void givenBindErrorInTheOutput_whenClassifyingTheExit_thenPortInUseNotRetryable(String line) {
        StartupFailure failure = exitWith(1, "INFO:     Started server process [4242]", line);

        assertThat(failure).isInstanceOf(StartupFailure.PortInUse.class);
        assertThat(((StartupFailure.PortInUse) failure).endpoint()).isEqualTo(ENDPOINT);
        assertThat(((StartupFailure.PortInUse) failure).observation()).isEqualTo("the backend could not bind it: " + line);
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void givenMissingModuleAndBindError_whenClassifyingTheExit_thenMissingPackagesWin() {
        StartupFailure failure = exitWith(1, "ModuleNotFoundError: No module named 'fastapi'",
                "OSError: [Errno 98] Address already in use");

        assertThat(failure.failureClass()).isEqualTo(FailureClass.PACKAGES_MISSING);
    }

    @Test
    void givenAPlainExit_whenClassifying_thenExitedDuringStartupWithCodeAndLinesRetryable() {
        List<String> lines = List.of("Traceback (most recent call last):", "RuntimeError: boom");

        StartupFailure failure = classifier.classifyExit(3, lines, BACKEND, PYTHON, ENDPOINT);

        assertThat(failure).isEqualTo(new StartupFailure.ExitedDuringStartup(3, lines));
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void givenAnExitWithoutOutput_whenClassifying_thenExitedDuringStartup() {
        assertThat(exitWith(0)).isEqualTo(new StartupFailure.ExitedDuringStartup(0, List.of()));
    }

    // ---- timeouts ----

    @Test
    void givenTimeoutAfterADegradedAnswer_whenClassifying_thenUnhealthyServicesNamingTheService() {
        HealthVerdict degraded = new HealthVerdict.Degraded(Map.of("database", "degraded"),
                HealthReports.databaseDegraded());

        StartupFailure failure = classifier.classifyTimeout(TIMEOUTS, Optional.of(degraded));

        assertThat(failure).isEqualTo(new StartupFailure.UnhealthyServices(degraded));
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

        assertThat(failure).isEqualTo(new StartupFailure.HealthTimeout(Duration.ofSeconds(30), Duration.ofSeconds(5),
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

    private StartupFailure exitWith(int code, String... lines) {
        return classifier.classifyExit(code, List.of(lines), BACKEND, PYTHON, ENDPOINT);
    }
}
