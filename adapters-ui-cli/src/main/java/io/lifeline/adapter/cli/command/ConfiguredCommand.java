package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.adapter.cli.config.ConfigException;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.adapter.cli.output.LogSetup;
import io.lifeline.adapter.cli.state.UntrustedState;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import io.lifeline.domain.model.BackendName;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What every {@code lifeline} command shares: the {@code --config} option, the settings given as flags, the four
 * configuration layers, and one-line reporting of bad configuration.
 */
abstract class ConfiguredCommand implements Callable<Integer> {

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

    /** The settings this command takes as flags; {@link LifelineCommand} adds them as options. */
    abstract List<Setting<?>> settings();

    /**
     * The effective configuration of the one backend this command is about: the only one, or the one {@code --backend}
     * names; throws {@link ConfigException} with the one line to show.
     */
    protected LifelineConfig loadConfig() {
        AppConfig app = loadApp();
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
        AppConfig app = loader.loadApp(Optional.ofNullable(configFile), SettingOptions.given(spec), configUse());
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

    /** As {@link #loadApp()}, and points the log file at the configured folder before anything logs. */
    protected AppConfig loadAppAndLogs() {
        AppConfig app = loadApp();
        LogSetup.useLogDirectory(app.logDir(), app.app().origin(Settings.LOG_DIR));
        return app;
    }

    /** Whether this command launches (or checks a launch), or only asks a running backend. */
    ConfigLoader.Use configUse() {
        return ConfigLoader.Use.LAUNCH;
    }

    /**
     * As {@link #loadConfig()}, and points the log file at the configured folder before anything logs.
     *
     * @throws UntrustedState when the log folder is not private
     */
    protected LifelineConfig loadConfigAndLogs() {
        LifelineConfig config = loadConfig();
        LogSetup.useLogDirectory(config.logDir(), config.origin(Settings.LOG_DIR));
        return config;
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
        if (failure instanceof io.lifeline.adapter.cli.state.UntrustedState untrusted) {
            return untrusted(untrusted);
        }
        if (failure instanceof java.io.UncheckedIOException unusable) {
            return folderError(unusable);
        }
        throw failure;
    }

    /** A run or log folder that cannot be made or read: one line, as for a bad setting. */
    protected int folderError(java.io.UncheckedIOException failed) {
        err.println("lifeline: " + failed.getMessage() + ": " + io.lifeline.adapter.cli.config.FileProblems.describe(
                failed.getCause()) + "; fix its permissions or give another folder");
        return ExitCode.USAGE.code();
    }

    protected int usageError(ConfigException invalid) {
        err.println("lifeline: " + invalid.getMessage());
        return ExitCode.USAGE.code();
    }
}
