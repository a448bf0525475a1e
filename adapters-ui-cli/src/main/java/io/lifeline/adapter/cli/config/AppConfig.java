package io.lifeline.adapter.cli.config;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.port.in.AppPlan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;

/**
 * The effective configuration of an app: each backend's own {@link LifelineConfig} (the top-level keys, environment
 * and flags as its defaults, its {@code backends:} entry on top), in the file's order, and the plan they add up to.
 * A file without {@code backends:} is one backend named {@code backend}.
 *
 * @param named whether the file names its backends ({@code backends:}); output then names each backend
 * @param file  the config file it was read from, if any
 */
public record AppConfig(List<LifelineConfig> backends, AppPlan plan, boolean named, Optional<Path> file) {

    public AppConfig {
        backends = List.copyOf(backends);
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(file, "file");
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("an app has at least one backend");
        }
    }

    /**
     * One backend of its own, as every config without {@code backends:}, or one backend of an app asked about alone
     * ({@code status --backend api}): what it depends on is not part of it.
     */
    public static AppConfig single(LifelineConfig config) {
        LifelineConfig alone = config.withCommand(config.command().named(config.name(), List.of()));
        return new AppConfig(List.of(alone), new AppPlan(List.of(alone.command())), false, Optional.empty());
    }

    public LifelineConfig backend(BackendName name) {
        return backends.stream().filter(config -> config.command().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no backend named " + name));
    }

    /** The same app with these backends' ports (those {@code port: auto} picked at its last start). */
    public AppConfig withPorts(Map<BackendName, Integer> ports) {
        List<LifelineConfig> moved = backends.stream().map(config -> !ports.containsKey(config.name()) ? config
                : config.withPort(new io.lifeline.domain.model.Endpoint(config.endpoint().host(),
                ports.get(config.name())), ports.get(config.name()) + " (auto, picked by the last start)",
                config.origin(Settings.PORT))).toList();
        return new AppConfig(moved, new AppPlan(moved.stream().map(LifelineConfig::command).toList()), named, file);
    }

    /** Whether the backend is reached on its port ({@link LifelineConfig#reachedByNoPort()}); true for a stranger. */
    public boolean reachedByPort(BackendName name) {
        return backends.stream().filter(config -> config.name().equals(name)).findFirst()
                .map(config -> !config.reachedByNoPort()).orElse(true);
    }

    /** The settings of the app as a whole (log and run folders, exitWithParent): every backend has the same. */
    public LifelineConfig app() {
        return backends.get(0);
    }

    public Path logDir() {
        return app().logDir();
    }

    public Path runDir() {
        return app().runDir();
    }

    /**
     * The app narrowed to the named backends and what they depend on ({@code --backend NAME}); all when none is named.
     *
     * @throws ConfigException naming a backend the app does not have
     */
    public AppConfig narrowedTo(Set<BackendName> names) {
        if (names.isEmpty()) {
            return this;
        }
        AppPlan narrowed;
        try {
            narrowed = plan.narrowedTo(names);
        } catch (IllegalArgumentException unknown) {
            throw new ConfigException("--backend: " + unknown.getMessage());
        }
        List<LifelineConfig> kept = backends.stream()
                .filter(config -> narrowed.find(config.command().name()).isPresent()).toList();
        return new AppConfig(kept, narrowed, named, file);
    }
}
