package io.lifeline.adapter.cli;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.port.in.StartBackendCommand;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The effective configuration of one {@code lifeline} run, with where each value came from.
 *
 * @param values  for each key, the effective value as text ({@code port: auto} shows the port it picked)
 * @param sources for each key, "default", "flag --port", "env BACKEND_PORT" or "lifeline.yaml:3"
 */
public record LifelineConfig(StartBackendCommand command, Path logDir, Path runDir, Map<ConfigKey, String> values,
                             Map<ConfigKey, String> sources) {

    public static final String LOG_FILE_NAME = "lifeline.log";

    public LifelineConfig {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(runDir, "runDir");
        values = Map.copyOf(values);
        sources = Map.copyOf(sources);
    }

    public Path logFile() {
        return logDir.resolve(LOG_FILE_NAME);
    }

    public Endpoint endpoint() {
        return command.endpoint();
    }

    public BackendSpec backend() {
        return command.backend();
    }

    public RetryPolicy retry() {
        return command.retry();
    }

    public TimeoutPolicy timeouts() {
        return command.timeouts();
    }

    public HealthAcceptance acceptance() {
        return command.acceptance();
    }
}
