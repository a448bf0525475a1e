package io.lifeline.adapter.cli.config;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.port.in.StartBackendCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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

        /** The value as {@code lifeline config} shows it ({@link #shown}), never the value itself: env masks secrets. */
        @Override
        public String toString() {
            return "Resolved[shown=" + shown + ", origin=" + origin + "]";
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

    /**
     * Every setting as {@code lifeline config} shows it, the {@code env} values masked by {@link Secrets}; the
     * command names its environment's variables only.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("LifelineConfig[command=").append(command).append(", logDir=")
                .append(logDir).append(", runDir=").append(runDir).append(", settings={");
        String separator = "";
        for (Map.Entry<Setting<?>, Resolved<?>> entry : settings.entrySet()) {
            text.append(separator).append(entry.getKey().key()).append('=').append(entry.getValue().shown())
                    .append(" (").append(entry.getValue().origin()).append(')');
            separator = ", ";
        }
        return text.append("}]").toString();
    }

    /** The same configuration for a command that is the backend's value in an app (its name, what it waits for). */
    public LifelineConfig withCommand(StartBackendCommand value) {
        return new LifelineConfig(value, logDir, runDir, settings);
    }

    /** The same configuration on another endpoint, shown as {@code shown} by {@code lifeline config}. */
    public LifelineConfig withPort(Endpoint endpoint, String shown, Origin origin) {
        Map<Setting<?>, Resolved<?>> changed = new LinkedHashMap<>(settings);
        changed.put(Settings.PORT, new Resolved<>(new PortChoice(endpoint.port()), shown, origin));
        return new LifelineConfig(command.withEndpoint(endpoint), logDir, runDir, changed);
    }

    /**
     * Whether the backend is reached by no port: a one-shot job, or a backend of an app ready by its output, without
     * {@code {port}} on its command and without a port of its own ({@link Origin#RECORD_PORT}). Its process is its
     * status.
     */
    public boolean reachedByNoPort() {
        return command.backend().readiness().completion() || origin(Settings.PORT).equals(Origin.RECORD_PORT);
    }

    public io.lifeline.domain.model.BackendName name() {
        return command.name();
    }

    /**
     * One line for each setting given under its former name (a renamed key or flag): the old name used, and the one to
     * use, e.g. {@code note: maxRetries (lifeline.yaml:3) is the old name of maxAttempts; it still works, but write
     * maxAttempts}.
     */
    public List<String> formerNameNotes() {
        List<String> notes = new ArrayList<>();
        settings.forEach((setting, resolved) -> {
            Origin origin = resolved.origin();
            if (origin.formerName()) {
                boolean flag = origin.source() == Source.FLAG;
                String old = flag ? setting.formerFlag().orElseThrow() : setting.formerKey().orElseThrow();
                String now = flag ? setting.flag().orElseThrow() : setting.key();
                notes.add("note: " + old + (flag ? "" : " (" + origin + ")") + " is the old name of " + now
                        + "; it still works, but write " + now);
            }
        });
        return notes;
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
