package io.lifeline.adapter.cli.config;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.port.in.StartBackendCommand;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The effective configuration of one {@code lifeline} run: the start command it adds up to, and every setting with its
 * typed value, the text {@code lifeline config} shows, and where it came from. It reaches the composition root, which
 * may choose adapters by it.
 *
 * @param settings every setting of {@link Settings#ALL}, in that order
 */
public record LifelineConfig(StartBackendCommand command, Path logDir, Path runDir,
                             Map<Setting<?>, Resolved<?>> settings) {

    public static final String LOG_FILE_NAME = "lifeline.log";

    /**
     * One setting's outcome.
     *
     * @param shown the effective value as text ({@code port: auto} shows the port it picked)
     */
    public record Resolved<T>(T value, String shown, Origin origin) {
        public Resolved {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(shown, "shown");
            Objects.requireNonNull(origin, "origin");
        }
    }

    public LifelineConfig {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(runDir, "runDir");
        if (!settings.keySet().containsAll(Settings.ALL)) {
            throw new IllegalArgumentException("every setting needs a value");
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The setting's typed value as the user gave it (or its default). */
    @SuppressWarnings("unchecked") // put in by Setting<T>, see ConfigLoader
    public <T> T get(Setting<T> setting) {
        return (T) settings.get(setting).value();
    }

    public Origin origin(Setting<?> setting) {
        return settings.get(setting).origin();
    }

    public String shown(Setting<?> setting) {
        return settings.get(setting).shown();
    }

    /** Where each setting came from, in declaration order. */
    public Map<Setting<?>, Origin> origins() {
        Map<Setting<?>, Origin> origins = new LinkedHashMap<>();
        settings.forEach((setting, resolved) -> origins.put(setting, resolved.origin()));
        return Collections.unmodifiableMap(origins);
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
