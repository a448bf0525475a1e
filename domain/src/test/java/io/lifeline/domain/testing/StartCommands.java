package io.lifeline.domain.testing;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.SupervisionPolicy;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.port.in.StartBackendCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Test data builder for {@link StartBackendCommand}s with short timeouts: the default retry policy (3 attempts,
 * 2 s then 4 s), a 5 s startup timeout, a probe every 250 ms, a 1 s probe timeout and a 2 s stop grace. Immutable.
 */
public record StartCommands(RetryPolicy retry, TimeoutPolicy timeouts, HealthAcceptance acceptance,
                            Duration stopGrace) {

    public static final Path BACKEND_DIR = Path.of("/srv/lifeline/backend");
    /** The bundled kind of backend: {@code main.py}, needing FastAPI and uvicorn. */
    public static final BackendSpec BACKEND = new BackendSpec(BACKEND_DIR, List.of("main.py"), List.of("fastapi", "uvicorn"),
            Optional.empty());
    public static final Endpoint ENDPOINT = new Endpoint("127.0.0.1", 8765);
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
    public static final Duration STOP_GRACE = Duration.ofSeconds(2);

    public static StartCommands aQuickStart() {
        return new StartCommands(RetryPolicy.DEFAULT,
                new TimeoutPolicy(PROBE_TIMEOUT, STARTUP_TIMEOUT, PROBE_INTERVAL),
                HealthAcceptance.DEFAULT, STOP_GRACE);
    }

    public static StartBackendCommand quickStart() {
        return aQuickStart().build();
    }

    public StartCommands withMaxAttempts(int value) {
        return new StartCommands(retry.withMaxAttempts(value), timeouts, acceptance, stopGrace);
    }

    /** One attempt only: no retries to step through. */
    public StartCommands withoutRetries() {
        return withMaxAttempts(1);
    }

    public StartCommands withStartupTimeout(Duration value) {
        return new StartCommands(retry, timeouts.withStartupTimeout(value), acceptance, stopGrace);
    }

    public StartCommands withProbeInterval(Duration value) {
        return new StartCommands(retry, timeouts.withProbeInterval(value), acceptance, stopGrace);
    }

    public StartCommands acceptingDegraded() {
        return new StartCommands(retry, timeouts, acceptance.withAcceptDegraded(true), stopGrace);
    }

    public StartCommands expectingService(String name) {
        return new StartCommands(retry, timeouts, acceptance.withExpectedService(name), stopGrace);
    }

    /** A plain start ({@link SupervisionPolicy#NONE}): after connect only the process exit is watched. */
    public StartBackendCommand build() {
        return new StartBackendCommand(BACKEND, ENDPOINT, retry, timeouts, acceptance, stopGrace);
    }

    /** As {@link #build()}, supervised after connect with {@code supervision} (liveness probing, restarts). */
    public StartBackendCommand supervisedBy(SupervisionPolicy supervision) {
        return build().withSupervision(supervision);
    }
}
