package io.lifeline.domain.testing;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.DependencyCondition;
import io.lifeline.domain.model.DependencyNotReady;

import io.lifeline.domain.model.BackendExited;
import io.lifeline.domain.model.BackendScriptMissing;
import io.lifeline.domain.model.BadHealthResponse;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.HealthTimeout;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.InterpreterNotFound;
import io.lifeline.domain.model.LaunchFailed;
import io.lifeline.domain.model.LivenessFailed;
import io.lifeline.domain.model.PackagesMissing;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.PortMismatch;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.model.ProgramBlocked;
import io.lifeline.domain.model.ProgramNotExecutable;
import io.lifeline.domain.model.ProgramNotFound;
import io.lifeline.domain.model.ReadyLineNotSeen;
import io.lifeline.domain.model.OwnershipNotProven;
import io.lifeline.domain.model.RestartLimitReached;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.UnhealthyServices;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Object mother for {@link StartupFailure}s: one typical instance of every kind. */
public final class StartupFailures {

    private StartupFailures() {
    }

    public static InterpreterNotFound interpreterNotFound() {
        return new InterpreterNotFound("Python", "3.10",
                List.of("/usr/bin/python3: Python 3.8.10 is too old"));
    }

    public static PackagesMissing packagesMissing() {
        return new PackagesMissing("Python", List.of("fastapi"), "/usr/bin/python3",
                "/usr/bin/python3 -m pip install -r /srv/lifeline/backend/requirements.txt");
    }

    public static BackendScriptMissing backendScriptMissing() {
        return new BackendScriptMissing("/srv/lifeline/backend/main.py");
    }

    public static PortInUse portInUse() {
        return new PortInUse(Endpoint.DEFAULT, "nginx (pid 812)");
    }

    public static PortInUse portInUseByKnownProcess() {
        return portInUse().withHolder(Optional.of(new PortHolder(4321, Optional.of("nc -l 8765"))));
    }

    public static BadHealthResponse badHealthResponse() {
        return new BadHealthResponse(new ProbeFailure(ProbeFailure.Kind.NOT_JSON,
                "answered HTTP 200 with a body that is not JSON", "<html><body>oops</body></html>"));
    }

    public static PortMismatch portMismatch() {
        return new PortMismatch(Endpoint.DEFAULT, Endpoint.DEFAULT.port() + 1,
                "INFO:     Uvicorn running on http://127.0.0.1:" + (Endpoint.DEFAULT.port() + 1),
                Duration.ofSeconds(30));
    }

    public static BackendExited backendExited() {
        return new BackendExited(java.util.OptionalInt.of(1), List.of("RuntimeError: lost the database"));
    }

    public static LivenessFailed livenessFailed() {
        return new LivenessFailed(3, Duration.ofSeconds(5),
                new HealthVerdict.Unreachable(ProbeFailure.of(ProbeFailure.Kind.TIMEOUT, "no answer within 5s")));
    }

    public static RestartLimitReached restartLimitReached() {
        return new RestartLimitReached(5, Duration.ofSeconds(60),
                List.of("Backend exited with code 1: RuntimeError: lost the database"));
    }

    public static ProgramNotFound programNotFound() {
        return new ProgramNotFound("node", "PATH: /usr/local/bin:/usr/bin:/bin");
    }

    public static ProgramNotExecutable programNotExecutable() {
        return new ProgramNotExecutable("/srv/app/dist/server", "no execute permission");
    }

    public static ProgramBlocked programBlocked() {
        return new ProgramBlocked("/srv/app/dist/server.exe", "error=13, Permission denied");
    }

    public static LaunchFailed launchFailed() {
        return new LaunchFailed("/usr/bin/python3 main.py", "Permission denied");
    }

    public static ExitedDuringStartup exitedDuringStartup() {
        return new ExitedDuringStartup(3, List.of("Traceback (most recent call last):",
                "RuntimeError: boom"));
    }

    public static HealthTimeout healthTimeout() {
        return new HealthTimeout(Duration.ofSeconds(30), Duration.ofSeconds(5),
                Optional.of(new HealthVerdict.Unreachable(ProbeFailures.refused())));
    }

    public static ReadyLineNotSeen readyLineNotSeen() {
        return new ReadyLineNotSeen(Duration.ofSeconds(30), "Listening on port \\d+");
    }

    public static HealthTimeout healthTimeoutWithoutAnyProbe() {
        return new HealthTimeout(Duration.ofSeconds(30), Duration.ofSeconds(5), Optional.empty());
    }

    public static UnhealthyServices databaseDegraded() {
        return new UnhealthyServices(new HealthVerdict.Degraded(Map.of("database", "degraded"),
                HealthReports.databaseDegraded()));
    }

    public static UnhealthyServices cacheUnhealthy() {
        return new UnhealthyServices(new HealthVerdict.Unhealthy(Map.of("cache", "unhealthy"),
                "overall status unhealthy"));
    }

    /** At least one of every permitted kind of {@link StartupFailure}. */
    public static List<StartupFailure> oneOfEach() {
        return List.of(interpreterNotFound(), packagesMissing(), backendScriptMissing(), portInUse(),
                portInUseByKnownProcess(), programNotFound(), programNotExecutable(), programBlocked(), launchFailed(), exitedDuringStartup(), healthTimeout(),
                healthTimeoutWithoutAnyProbe(), readyLineNotSeen(), databaseDegraded(), cacheUnhealthy(), badHealthResponse(),
                portMismatch(), backendExited(), livenessFailed(), restartLimitReached(), ownershipNotProven(),
                dependencyNotReady());
    }

    public static DependencyNotReady dependencyNotReady() {
        return new DependencyNotReady(new BackendName("db"), new BackendName("api"), DependencyCondition.HEALTHY,
                java.time.Duration.ofSeconds(20));
    }

    public static OwnershipNotProven ownershipNotProven() {
        return new OwnershipNotProven(new Endpoint("127.0.0.1", 8000), "nothing proved it within 10s (pid 4242 was"
                + " launched)");
    }
}
