package io.lifeline.adapter.cli;

import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.BackendSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @Option(names = "--port", paramLabel = "PORT", description = "Backend port (default 8000; env BACKEND_PORT)")
    private String port;

    @Option(names = "--host", paramLabel = "HOST", description = "Backend host (default 127.0.0.1; env BACKEND_HOST)")
    private String host;

    @Option(names = "--backend-dir", paramLabel = "DIR", description = "Folder with the backend's main.py")
    private String backendDir;

    @Option(names = "--python", paramLabel = "PYTHON",
            description = "Python interpreter: a path or a command on PATH (default: discovered)")
    private String python;

    @Option(names = "--max-retries", paramLabel = "N",
            description = "Launch attempts in total, as in the seed: 3 = first try + 2 retries (default 3)")
    private String maxRetries;

    @Option(names = "--retry-delay", paramLabel = "DURATION",
            description = "First wait between attempts, doubled after each (default 2s)")
    private String retryDelay;

    @Option(names = "--startup-timeout", paramLabel = "DURATION",
            description = "Per attempt, until healthy (default 30s)")
    private String startupTimeout;

    @Option(names = "--health-timeout", paramLabel = "DURATION", description = "Per health probe (default 5s)")
    private String healthTimeout;

    @Option(names = "--probe-interval", paramLabel = "DURATION",
            description = "Between health probes while starting (default 100ms)")
    private String probeInterval;

    @Option(names = "--stop-grace", paramLabel = "DURATION",
            description = "Between SIGTERM and SIGKILL on stop (default 5s)")
    private String stopGrace;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Folder of lifeline.log (default ~/.lifeline/logs)")
    private String logDir;

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

    private Map<ConfigKey, String> flags() {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        put(flags, ConfigKey.PORT, port);
        put(flags, ConfigKey.HOST, host);
        put(flags, ConfigKey.BACKEND_DIR, backendDir);
        put(flags, ConfigKey.PYTHON, python);
        put(flags, ConfigKey.MAX_RETRIES, maxRetries);
        put(flags, ConfigKey.RETRY_DELAY, retryDelay);
        put(flags, ConfigKey.STARTUP_TIMEOUT, startupTimeout);
        put(flags, ConfigKey.HEALTH_TIMEOUT, healthTimeout);
        put(flags, ConfigKey.PROBE_INTERVAL, probeInterval);
        put(flags, ConfigKey.STOP_GRACE, stopGrace);
        put(flags, ConfigKey.LOG_DIR, logDir);
        return flags;
    }

    private static void put(Map<ConfigKey, String> flags, ConfigKey key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
