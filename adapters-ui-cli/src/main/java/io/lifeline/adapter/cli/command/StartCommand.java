package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.state.LaunchRecorder;
import io.lifeline.adapter.cli.state.PortLock;
import io.lifeline.adapter.cli.state.RunStateFile;
import io.lifeline.adapter.cli.state.UntrustedState;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.adapter.cli.output.JsonLinesStatusPublisher;
import io.lifeline.adapter.cli.output.LogSetup;
import io.lifeline.adapter.cli.output.StatusPublishers;
import io.lifeline.adapter.cli.output.TerminalStatusPublisher;
import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.model.SupervisionPolicy;
import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.port.in.HeadStart;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.in.StartBackendUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** {@code lifeline start}: start (or attach to) the backend, then stay in the foreground until told to stop. */
@Command(name = "start", mixinStandardHelpOptions = true, versionProvider = LifelineCommand.Version.class,
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70,
        description = "Start the backend (or attach to a healthy one already running), wait until it is healthy,"
                + " then keep it running until Ctrl-C or SIGTERM.")
public final class StartCommand extends ConfiguredCommand {

    /** The environment variable that carries the run's secret to the backend (docs/backend-contract.md). */
    public static final String SECRET_VARIABLE = io.lifeline.domain.port.out.OwnershipChallenge.SECRET_VARIABLE;

    @Option(names = "--json",
            description = "JSON Lines on stdout, one object per status event (schema: docs/configuration.md);"
                    + " human text goes to stderr")
    private boolean json;

    @Option(names = "--detach",
            description = "Wait until connected, then exit 0 and leave the backend running (see lifeline stop)")
    private boolean detach;

    private final UseCaseFactory<StartFlow> flows;
    private final HeadStarts headStarts;
    private final Function<BackendSpec, BackendProfile> profiles;

    public StartCommand(ConfigLoader loader, Console console, UseCaseFactory<StartFlow> flows) {
        this(loader, console, flows, HeadStarts.NONE);
    }

    /** A failure report's checklist in words for any program. */
    public StartCommand(ConfigLoader loader, Console console, UseCaseFactory<StartFlow> flows,
                        HeadStarts headStarts) {
        this(loader, console, flows, headStarts, backend -> BackendProfile.GENERIC);
    }

    /** @param profiles what each kind of backend needs, for the failure report's checklist */
    public StartCommand(ConfigLoader loader, Console console, UseCaseFactory<StartFlow> flows,
                        HeadStarts headStarts, Function<BackendSpec, BackendProfile> profiles) {
        super(loader, console);
        this.flows = Objects.requireNonNull(flows, "flows");
        this.headStarts = Objects.requireNonNull(headStarts, "headStarts");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
    }

    @Override
    List<Setting<?>> settings() {
        return Settings.ALL;
    }

    @Override
    Needs needs() {
        return Needs.RUN_FOLDER;
    }

    @Override
    int run(LifelineConfig config) {
        Path outputFile = RunStateFile.outputFile(config.runDir(), config.endpoint().port());
        // The run's secret: the backend gets it in its environment (never on argv), the launch record keeps it.
        String secret = newSecret();
        Map<String, String> environment = new HashMap<>(config.backend().environment());
        environment.put(SECRET_VARIABLE, secret);
        StartBackendCommand configured = config.command()
                .withBackend(config.backend().withEnvironment(environment));
        StartBackendCommand command = detach
                ? configured.withSupervision(SupervisionPolicy.NONE).withLaunchMode(new LaunchMode.Detached(outputFile))
                : configured;
        LaunchRecorder records = new LaunchRecorder(config.runDir(), config.backend().directory(), secret,
                detach ? Optional.of(outputFile) : Optional.empty());
        PortLock lock;
        try {
            lock = PortLock.acquire(config.runDir(), config.endpoint().port(), config.timeouts().startupTimeout(),
                    () -> (json ? err : out).println("another lifeline start is starting a backend on port "
                            + config.endpoint().port() + "; waiting for its outcome, at most "
                            + Durations.format(config.timeouts().startupTimeout())));
        } catch (UntrustedState | java.io.UncheckedIOException failed) {
            return refused(failed);
        } catch (PortLock.PortLockTimeout held) {
            err.println("lifeline: " + held.getMessage());
            return ExitCode.PORT_IN_USE.code();
        }
        // Closed after the flow, in order: every output delivers the last event (stopped) before the JVM exits.
        try (lock; StatusPublishers outputs = outputs(config, records)) {
            // With the port free, the backend boots while the run's object graph is built.
            Optional<HeadStart> headStart = headStarts.begin(config, command);
            Opened<StartFlow> flow = null;
            BackendSession session;
            Thread exitGuard = headStart.map(ahead -> killAtExit(ahead, config)).orElse(null);
            try {
                flow = flows.open(config, outputs);
                StartBackendUseCase starts = flow.useCase().startBackend();
                session = headStart.map(ahead -> starts.start(command, ahead)).orElseGet(() -> starts.start(command));
            } catch (RuntimeException | Error broken) {
                headStart.ifPresent(ahead -> awaitGone(ahead, config));
                if (flow != null) {
                    flow.close();
                }
                throw broken;
            } finally {
                removeHook(exitGuard);
            }
            try (Opened<StartFlow> opened = flow) {
                session.started().whenComplete((decided, error) -> lock.close());
                return detach ? runDetached(session, config) : runInForeground(session, config, opened, outputs);
            }
        }
    }

    /**
     * Until the run has the head start, nothing else would stop its backend: a Ctrl-C or SIGTERM while the run's graph
     * is built must not leave it running (detached, it would not even have a launch record yet).
     */
    private static Thread killAtExit(HeadStart headStart, LifelineConfig config) {
        Thread guard = new Thread(() -> awaitGone(headStart, config), "lifeline-head-start-guard");
        Runtime.getRuntime().addShutdownHook(guard);
        return guard;
    }

    private static void awaitGone(HeadStart headStart, LifelineConfig config) {
        try {
            headStart.abandon().toCompletableFuture()
                    .get(config.command().stopGrace().toMillis() + 3_000, TimeUnit.MILLISECONDS);
        } catch (Exception notGone) {
            // Killed is as far as Lifeline can go; the report of what failed comes from the caller.
        }
    }

    private static void removeHook(Thread hook) {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // The JVM is already shutting down, and the hook is running.
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private StatusPublishers outputs(LifelineConfig config, LaunchRecorder records) {
        return json
                ? StatusPublishers.of(records, new JsonLinesStatusPublisher(out, config.endpoint()),
                        new TerminalStatusPublisher(err, err, config, profiles.apply(config.backend())))
                : StatusPublishers.of(records, new TerminalStatusPublisher(out, err, config,
                        TerminalStatusPublisher.Style.detect(System.getenv()), profiles.apply(config.backend())));
    }

    private int runInForeground(BackendSession session, LifelineConfig config, AutoCloseable run,
                                StatusPublishers outputs) {
        AtomicInteger signals = new AtomicInteger();
        // First Ctrl-C / SIGTERM: graceful stop of the whole tree. A second one: kill it at once.
        StopSignals.install(() -> {
            if (signals.incrementAndGet() == 1) {
                session.stop();
            } else {
                session.kill();
            }
        });
        if (config.get(Settings.EXIT_WITH_PARENT)) {
            FrontEndWatch.start(System.in, json, reason -> {
                err.println("[" + session.correlationId() + "] the front end is gone (" + reason
                        + "): stopping the backend");
                session.stop();
            });
        }
        Thread safetyNet = safetyNet(session, config, run, outputs);
        Runtime.getRuntime().addShutdownHook(safetyNet);
        ExitCode code;
        try {
            StatusEvent end = session.finished().toCompletableFuture().join();
            boolean wasConnected = session.started().toCompletableFuture().getNow(null)
                    instanceof StatusEvent.Connected;
            code = exitCodeFor(end, wasConnected);
        } catch (CompletionException bug) {
            code = internalError(bug.getCause(), config);
        }
        removeHook(safetyNet);
        return code.code();
    }

    /**
     * For exits that bypass the signal handlers (SIGHUP, say): stops the backend, then closes the run, which delivers
     * the last event of every publisher it has (the log's and any the composition root added), and the front end's
     * publishers. Whoever closes second, the hook or the command's thread, waits for the first to finish: the JVM
     * halts when the hook returns, and must not cut a publisher's last delivery short.
     */
    static Thread safetyNet(BackendSession session, LifelineConfig config, AutoCloseable run,
                            StatusPublishers outputs) {
        return new Thread(() -> {
            stopAndWait(session, config);
            try {
                run.close();
            } catch (Exception ignored) {
                // The JVM is going down; the publishers below still get their chance.
            }
            outputs.close();
            LogSetup.flush();
        }, "lifeline-shutdown");
    }

    static ExitCode exitCodeFor(StatusEvent end, boolean wasConnected) {
        if (end instanceof StatusEvent.Failed failed) {
            return ExitCode.of(failed.cause().failureClass());
        }
        if (end instanceof StatusEvent.Disconnected) {
            return ExitCode.DISCONNECTED;
        }
        return wasConnected ? ExitCode.OK : ExitCode.INTERRUPTED;
    }

    /** {@code --detach}: wait until connected, leave the launch record, and exit with the backend still running. */
    private int runDetached(BackendSession session, LifelineConfig config) {
        StopSignals.install(session::stop);
        StatusEvent decided;
        try {
            decided = session.started().toCompletableFuture().join();
        } catch (CompletionException bug) {
            return internalError(bug.getCause(), config).code();
        }
        if (!(decided instanceof StatusEvent.Connected connected)) {
            return exitCodeFor(decided, false).code();
        }
        String id = "[" + connected.correlationId() + "] ";
        if (connected.attached()) {
            out.println(id + "not detaching: this backend was already running and was not started by this run");
            return ExitCode.OK.code();
        }
        long pid = connected.pid().orElseThrow();
        (json ? err : out).println(id + "detached: backend pid " + pid + " keeps running on " + config.endpoint()
                + "; its output goes to " + RunStateFile.outputFile(config.runDir(), config.endpoint().port())
                + "; stop it with: lifeline stop --port " + config.endpoint().port());
        return ExitCode.OK.code();
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
}
