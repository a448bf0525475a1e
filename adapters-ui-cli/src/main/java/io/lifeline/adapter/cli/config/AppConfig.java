package io.lifeline.adapter.cli.config;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.port.in.AppPlan;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The effective configuration of an app: each backend's own {@link LifelineConfig} (the top-level keys, environment
 * and flags as its defaults, its {@code backends:} entry on top), in the file's order, and the plan they add up to.
 * A file without {@code backends:} is one backend named {@code backend}.
 *
 * @param named whether the file names its backends ({@code backends:}); output then names each backend
 */
public record AppConfig(List<LifelineConfig> backends, AppPlan plan, boolean named) {

    public AppConfig {
        backends = List.copyOf(backends);
        Objects.requireNonNull(plan, "plan");
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
        return new AppConfig(List.of(alone), new AppPlan(List.of(alone.command())), false);
    }

    public LifelineConfig backend(BackendName name) {
        return backends.stream().filter(config -> config.command().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no backend named " + name));
    }

    /** Whether the backend needs its port (false for a job or a worker ready by its output); true for a stranger. */
    public boolean usesItsPort(BackendName name) {
        return plan.find(name).map(backend -> backend.usesItsPort()).orElse(true);
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
        return new AppConfig(kept, narrowed, named);
    }
}
