package io.lifeline.adapter.cli;

import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.BackendSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code lifeline start}: start (or attach to) the backend, then stay in the foreground until told to stop. */
@Command(name = "start", mixinStandardHelpOptions = true, versionProvider = LifelineCommand.Version.class,
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70,
        description = "Start the backend (or attach to a healthy one already running), wait until it is healthy,"
                + " then keep it running until Ctrl-C or SIGTERM.")
public final class StartCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML or JSON config file (default: ./lifeline.yaml if present)")
    private Path configFile;

    @Spec
    private CommandSpec spec;

    private final ConfigLoader loader;
    private final StartFlow.Factory flows;
    private final PrintStream out;
    private final PrintStream err;

    public StartCommand(ConfigLoader loader, StartFlow.Factory flows, PrintStream out, PrintStream err) {
        this.loader = loader;
        this.flows = flows;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        LifelineConfig config;
        try {
            config = loader.load(Optional.ofNullable(configFile), flags());
            LogSetup.useLogDirectory(config.logDir(), config.sources().get(ConfigKey.LOG_DIR));
        } catch (ConfigException invalid) {
            err.println("lifeline: " + invalid.getMessage());
            return ExitCode.USAGE.code();
        }
        try (StartFlow flow = flows.open(new TerminalStatusNotifier(out, err, config))) {
            BackendSession session = flow.startBackend().start(config.command());
            return runInForeground(session, config);
        }
    }

    private int runInForeground(BackendSession session, LifelineConfig config) {
        CompletableFuture<ExitCode> exit = new CompletableFuture<>();
        AtomicBoolean connected = new AtomicBoolean();
        Runnable stop = () -> session.stop().thenRun(() -> exit.complete(connected.get() ? ExitCode.OK
                : ExitCode.INTERRUPTED));
        StopSignals.install(stop);
        Thread safetyNet = new Thread(() -> stopAndWait(session, config), "lifeline-shutdown");
        Runtime.getRuntime().addShutdownHook(safetyNet);

        session.started().whenComplete((decided, bug) -> {
            if (bug != null) {
                exit.complete(internalError(bug, config));
            } else if (decided instanceof StatusEvent.Connected) {
                connected.set(true);
            } else if (decided instanceof StatusEvent.Failed failed) {
                exit.complete(ExitCode.of(failed.cause().failureClass()));
            } else {
                exit.complete(ExitCode.INTERRUPTED);
            }
        });
        session.disconnected().whenComplete((gone, bug) ->
                exit.complete(bug != null ? internalError(bug, config) : ExitCode.DISCONNECTED));
        ExitCode code = exit.join();
        Runtime.getRuntime().removeShutdownHook(safetyNet);
        return code.code();
    }

    private ExitCode internalError(Throwable bug, LifelineConfig config) {
        org.slf4j.LoggerFactory.getLogger(StartCommand.class).error("internal error", bug);
        err.println("lifeline: internal error: " + bug + " (details in " + config.logFile() + ")");
        return ExitCode.INTERNAL_ERROR;
    }

    /** For exits that bypass the signal handlers: never leave a backend behind. */
    private static void stopAndWait(BackendSession session, LifelineConfig config) {
        try {
            session.stop().toCompletableFuture()
                    .get(config.command().stopGrace().toMillis() + 3_000, TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // The JVM is going down; nothing more can be done here.
        }
    }

    /** One option per setting that has a flag, straight from {@link ConfigKey}: help and config cannot drift. */
    static void addSettingOptions(CommandSpec command) {
        for (ConfigKey key : ConfigKey.values()) {
            key.flag().ifPresent(flag -> command.addOption(OptionSpec.builder(flag)
                    .paramLabel(key.valueLabel())
                    .type(String.class)
                    .description(key.description() + " (default " + key.defaultValue()
                            + key.environmentVariable().map(variable -> "; env " + variable).orElse("") + ")")
                    .build()));
        }
    }

    private Map<ConfigKey, String> flags() {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            key.flag().map(spec::findOption).map(option -> option.<String>getValue())
                    .ifPresent(value -> flags.put(key, value));
        }
        return flags;
    }
}
