package io.lifeline.domain.testing;

import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.model.StartupFailure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Object mother for {@link StartupFailure}s: one typical instance of every kind. */
public final class StartupFailures {

    private StartupFailures() {
    }

    public static StartupFailure.InterpreterNotFound interpreterNotFound() {
        return new StartupFailure.InterpreterNotFound("Python", "3.10",
                List.of("/usr/bin/python3: Python 3.8.10 is too old"));
    }

    public static StartupFailure.PackagesMissing packagesMissing() {
        return new StartupFailure.PackagesMissing("Python", List.of("fastapi"), "/usr/bin/python3",
                "/usr/bin/python3 -m pip install -r /srv/lifeline/backend/requirements.txt");
    }

    public static StartupFailure.BackendScriptMissing backendScriptMissing() {
        return new StartupFailure.BackendScriptMissing("/srv/lifeline/backend/main.py");
    }

    public static StartupFailure.PortInUse portInUse() {
        return new StartupFailure.PortInUse(Endpoint.DEFAULT, "nginx (pid 812)");
    }

    public static StartupFailure.PortInUse portInUseByKnownProcess() {
        return portInUse().withHolder(Optional.of(new PortHolder(4321, Optional.of("nc -l 8765"))));
    }

    public static StartupFailure.BadHealthResponse badHealthResponse() {
        return new StartupFailure.BadHealthResponse(new ProbeFailure(ProbeFailure.Kind.NOT_JSON,
                "answered HTTP 200 with a body that is not JSON", "<html><body>oops</body></html>"));
    }

    public static StartupFailure.PortMismatch portMismatch() {
        return new StartupFailure.PortMismatch(Endpoint.DEFAULT, Endpoint.DEFAULT.port() + 1,
                "INFO:     Uvicorn running on http://127.0.0.1:" + (Endpoint.DEFAULT.port() + 1),
                Duration.ofSeconds(30));
    }

    public static StartupFailure.BackendExited backendExited() {
        return new StartupFailure.BackendExited(java.util.OptionalInt.of(1), List.of("RuntimeError: lost the database"));
    }

    public static StartupFailure.LivenessFailed livenessFailed() {
        return new StartupFailure.LivenessFailed(3, Duration.ofSeconds(5),
                new HealthVerdict.Unreachable(ProbeFailure.of(ProbeFailure.Kind.TIMEOUT, "no answer within 5s")));
    }

    public static StartupFailure.RestartLimitReached restartLimitReached() {
        return new StartupFailure.RestartLimitReached(5, Duration.ofSeconds(60),
                List.of("Backend exited with code 1: RuntimeError: lost the database"));
    }

    public static StartupFailure.LaunchFailed launchFailed() {
        return new StartupFailure.LaunchFailed("/usr/bin/python3 main.py", "Permission denied");
    }

    public static StartupFailure.ExitedDuringStartup exitedDuringStartup() {
        return new StartupFailure.ExitedDuringStartup(3, List.of("Traceback (most recent call last):",
                "RuntimeError: boom"));
    }

    public static StartupFailure.HealthTimeout healthTimeout() {
        return new StartupFailure.HealthTimeout(Duration.ofSeconds(30), Duration.ofSeconds(5),
                Optional.of(new HealthVerdict.Unreachable(ProbeFailures.refused())));
    }

    public static StartupFailure.HealthTimeout healthTimeoutWithoutAnyProbe() {
        return new StartupFailure.HealthTimeout(Duration.ofSeconds(30), Duration.ofSeconds(5), Optional.empty());
    }

    public static StartupFailure.UnhealthyServices databaseDegraded() {
        return new StartupFailure.UnhealthyServices(new HealthVerdict.Degraded(Map.of("database", "degraded"),
                HealthReports.databaseDegraded()));
    }

    public static StartupFailure.UnhealthyServices cacheUnhealthy() {
        return new StartupFailure.UnhealthyServices(new HealthVerdict.Unhealthy(Map.of("cache", "unhealthy"),
                "overall status unhealthy"));
    }

    /** At least one of every permitted kind of {@link StartupFailure}. */
    public static List<StartupFailure> oneOfEach() {
        return List.of(interpreterNotFound(), packagesMissing(), backendScriptMissing(), portInUse(),
                portInUseByKnownProcess(), launchFailed(), exitedDuringStartup(), healthTimeout(),
                healthTimeoutWithoutAnyProbe(), databaseDegraded(), cacheUnhealthy(), badHealthResponse(),
                portMismatch(), backendExited(), livenessFailed(), restartLimitReached());
    }
}
