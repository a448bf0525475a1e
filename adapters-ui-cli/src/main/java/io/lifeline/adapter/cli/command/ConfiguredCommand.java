package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.adapter.cli.config.ConfigException;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.config.FileProblems;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.adapter.cli.output.LogSetup;
import io.lifeline.adapter.cli.state.AutoPorts;
import io.lifeline.adapter.cli.state.RunFolder;
import io.lifeline.adapter.cli.state.UntrustedState;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.lifeline.domain.model.BackendName;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What every {@code lifeline} command shares: the {@code --config} option, the settings given as flags, the four
 * configuration layers, and the preamble before the command's own work, in one place: load the configuration, point
 * the log at its folder and check the run folder, as far as the command {@link #needs() needs}; a bad setting, a
 * folder or file that is not private, or a folder that cannot be used ends the command there with one line and its
 * exit code ({@link #refused}).
 */
abstract class ConfiguredCommand implements Callable<Integer> {

    /** How far the preamble goes before {@link #run}; each step includes the ones before it. */
    enum Needs {
        /** The configuration only ({@code config}, and {@code doctor}, which checks the folders itself). */
        CONFIG,
        /** And the log pointed at its folder, before anything logs. */
        LOG_FOLDER,
        /** And the run folder checked: private, or made so. */
        RUN_FOLDER
    }

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML or JSON config file (default: ./lifeline.yaml if present)")
    private Path configFile;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Only this backend of the app (and the backends it depends on); repeatable")
    private List<String> backends = new java.util.ArrayList<>();

    @Spec
    private CommandSpec spec;

    protected final ConfigLoader loader;
    protected final PrintStream out;
    protected final PrintStream err;

    protected ConfiguredCommand(ConfigLoader loader, Console console) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.out = console.out();
        this.err = console.err();
    }

    /** The preamble, then the command: every command's way in. */
    @Override
    public final Integer call() throws Exception {
        AppConfig app;
        try {
            app = loadApp();
        } catch (ConfigException invalid) {
            return invalidConfiguration(invalid);
        }
        try {
            if (needs().compareTo(Needs.LOG_FOLDER) >= 0) {
                LogSetup.useLogDirectory(app.logDir(), app.app().origin(Settings.LOG_DIR));
            }
            if (needs().compareTo(Needs.RUN_FOLDER) >= 0) {
                RunFolder.check(app.runDir());
            }
        } catch (ConfigException | UntrustedState | UncheckedIOException failed) {
            return refused(failed);
        }
        return run(app);
    }

    /**
     * The command's own work for an app, with its configuration loaded and its folders checked as {@link #needs()}
     * says; by default, a command about one backend: the only one, or the one {@code --backend} names.
     */
    int run(AppConfig app) throws Exception {
        if (app.backends().size() > 1 && across() != Across.ONE && (backends.isEmpty() || backends.size() > 1)) {
            List<BackendName> order = backends.isEmpty() ? app.plan().dependencyOrder()
                    : app.plan().dependencyOrder().stream().filter(name -> backends.contains(name.value())).toList();
            List<BackendName> each = new java.util.ArrayList<>(order);
            if (across() == Across.REVERSED) {
                java.util.Collections.reverse(each);
            }
            int first = 0;
            for (BackendName name : each) {
                announce(name);
                int code = run(app.backend(name));
                first = first == 0 ? code : first;
            }
            return first;
        }
        LifelineConfig config;
        try {
            config = oneBackend(app);
        } catch (ConfigException ambiguous) {
            // A valid app, and a command that needs one of its backends named: a usage error, not a bad config.
            return usageError(ambiguous);
        }
        return run(config);
    }

    /** The command's own work for one backend. */
    abstract int run(LifelineConfig config) throws Exception;

    /** How a command about one backend goes over an app of several that names none: not at all, or each in turn. */
    enum Across {
        /** It needs one backend named with {@code --backend}. */
        ONE,
        /** Each backend after what it depends on ({@code status}, {@code wait}, {@code doctor}). */
        IN_ORDER,
        /** Dependants first ({@code stop}). */
        REVERSED
    }

    Across across() {
        return Across.ONE;
    }

    /** Before each backend's part when a command goes over several: a line with its name. */
    void announce(BackendName backend) {
        out.println("[" + backend + "]");
    }

    /** How far the preamble goes; most commands log. */
    Needs needs() {
        return Needs.LOG_FOLDER;
    }

    /** What an invalid configuration ends in: one line and the usage exit code, unless the command reports it. */
    int invalidConfiguration(ConfigException invalid) {
        return usageError(invalid);
    }

    /** The settings this command takes as flags; {@link LifelineCommand} adds them as options. */
    abstract List<Setting<?>> settings();

    /**
     * The one backend a command about one backend asks: the only one, or the one {@code --backend} names; throws
     * {@link ConfigException} with the one line to show.
     */
    private LifelineConfig oneBackend(AppConfig app) {
        if (app.backends().size() > 1) {
            List<String> named = backends.isEmpty() ? app.plan().names().stream().map(BackendName::value).toList()
                    : backends;
            if (named.size() == 1) {
                return app.backend(new BackendName(named.get(0)));
            }
            throw new ConfigException("lifeline " + spec.name() + " is about one backend, and this config has several ("
                    + String.join(", ", app.plan().names().stream().map(BackendName::value).toList())
                    + "); name one with --backend NAME");
        }
        return app.backends().get(0);
    }

    /** The {@code --config} option as given, for a hint that repeats the command: empty when none was given. */
    protected String configOption() {
        return configFile == null ? "" : " --config " + configFile;
    }

    /** The app the configuration adds up to, narrowed to the {@code --backend} names and what they depend on. */
    protected AppConfig loadApp() {
        AppConfig app = loader.loadAppGivenFlags(Optional.ofNullable(configFile), SettingOptions.given(spec),
                configUse());
        if (configUse() == ConfigLoader.Use.PROBE_ONLY) {
            app = withPortsOfTheLastStart(app);
        }
        Set<BackendName> named = new LinkedHashSet<>();
        for (String name : backends) {
            try {
                named.add(new BackendName(name));
            } catch (IllegalArgumentException invalid) {
                throw new ConfigException("--backend: " + invalid.getMessage());
            }
        }
        return app.narrowedTo(named);
    }

    /**
     * A command that asks running backends finds those {@code port: auto} gave a port at the last start of the same
     * file there, not on the free ports a new load would pick.
     */
    private AppConfig withPortsOfTheLastStart(AppConfig app) {
        Map<String, Integer> picked = app.file().map(file -> AutoPorts.picked(app.runDir(), file)).orElse(Map.of());
        Map<BackendName, Integer> ports = new java.util.LinkedHashMap<>();
        for (LifelineConfig config : app.backends()) {
            if (!config.get(Settings.PORT).auto()) {
                continue;
            }
            Integer port = picked.get(config.name().value());
            if (port == null) {
                // A port picked now would be one nothing was started on: say so instead of asking there.
                throw new ConfigException("port auto (from " + config.origin(Settings.PORT) + ") is picked when "
                        + config.name() + " starts, and no start of " + app.file().map(Path::toString)
                        .orElse("a config file") + " kept the port it picked: give it with " + (app.named()
                        ? "--backend " + config.name() + " " : "") + "--port N, as lifeline start printed it");
            }
            ports.put(config.name(), port);
        }
        try {
            return ports.isEmpty() ? app : app.withPorts(ports);
        } catch (IllegalArgumentException inconsistent) {
            throw new ConfigException("the ports the last start picked (" + ports + ") do not fit this config any"
                    + " more: " + inconsistent.getMessage());
        }
    }

    /** Whether this command launches (or checks a launch), or only asks a running backend. */
    ConfigLoader.Use configUse() {
        return ConfigLoader.Use.LAUNCH;
    }

    /** A run or log folder, or a file in it, that Lifeline will not use: one line saying which, why and the fix. */
    protected int untrusted(UntrustedState refused) {
        err.println("lifeline: " + refused.getMessage());
        return ExitCode.UNTRUSTED_STATE.code();
    }

    /**
     * The one line and exit code for what loading the configuration or using its folders threw: a bad setting (64), a
     * folder or file that is not private (28), a folder that cannot be made or read (64).
     */
    protected int refused(RuntimeException failure) {
        if (failure instanceof ConfigException invalid) {
            return usageError(invalid);
        }
        if (failure instanceof UntrustedState untrusted) {
            return untrusted(untrusted);
        }
        if (failure instanceof UncheckedIOException unusable) {
            return folderError(unusable);
        }
        throw failure;
    }

    /** A run or log folder that cannot be made or read: one line, as for a bad setting. */
    protected int folderError(UncheckedIOException failed) {
        err.println("lifeline: " + failed.getMessage() + ": " + FileProblems.describe(
                failed.getCause()) + "; fix its permissions or give another folder");
        return ExitCode.USAGE.code();
    }

    protected int usageError(ConfigException invalid) {
        err.println("lifeline: " + invalid.getMessage());
        return ExitCode.USAGE.code();
    }
}
