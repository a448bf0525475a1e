package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.port.in.AppOutcome;
import io.lifeline.domain.port.in.AppPlan;
import io.lifeline.domain.port.in.AppSession;
import io.lifeline.domain.port.out.StatusPublisher;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.state.RandomRunSecrets;
import io.lifeline.adapter.cli.state.AutoPorts;
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
import java.util.HashMap;
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
    private static final RandomRunSecrets SECRETS = new RandomRunSecrets();

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

    /** Every start is an app's: a config without {@code backends:} is an app of one backend. */
    @Override
    int run(LifelineConfig config) {
        return run(AppConfig.single(config));
    }

    @Override
    int run(AppConfig app) {
        // Each backend its own secret, given here because a backend launched ahead needs it in its environment
        // (never on argv); the start keeps it in the backend's launch record.
        List<StartBackendCommand> commands = new ArrayList<>();
        for (LifelineConfig config : app.backends()) {
            Map<String, String> environment = new HashMap<>(config.backend().environment());
            environment.put(SECRET_VARIABLE, SECRETS.next());
            StartBackendCommand configured = config.command()
                    .withBackend(config.backend().withEnvironment(environment));
            Path outputFile = RunStateFile.outputFile(app.runDir(), config.endpoint().port());
            commands.add(detach ? configured.withSupervision(SupervisionPolicy.NONE)
                    .withLaunchMode(new LaunchMode.Detached(outputFile)) : configured);
        }
        AppPlan plan = new AppPlan(commands);
        app.file().ifPresent(file -> AutoPorts.keep(app.runDir(), file, autoPorts(app)));
        PortLock lock;
        try {
            lock = PortLock.acquire(app.runDir(), lockedPorts(plan), longestStartupTimeout(app),
                    port -> (json ? err : out).println("another lifeline start is starting a backend on port "
                            + port + "; waiting for its outcome, at most "
                            + Durations.format(longestStartupTimeout(app))));
        } catch (UntrustedState | java.io.UncheckedIOException failed) {
            return refused(failed);
        } catch (PortLock.PortLockTimeout held) {
            err.println("lifeline: " + held.getMessage());
            return ExitCode.PORT_IN_USE.code();
        }
        // Closed after the flow, in order: every output delivers the last event (stopped) before the JVM exits.
        try (lock; StatusPublishers outputs = outputs(app)) {
            // With the ports free, the backends that wait for nothing boot while the run's object graph is built.
            Map<BackendName, HeadStart> ahead = headStarts(app, plan);
            Opened<StartFlow> flow = null;
            AppSession session;
            Thread exitGuard = ahead.isEmpty() ? null : killAtExit(ahead.values(), app);
            try {
                flow = flows.open(app, outputs);
                session = flow.useCase().startApp().start(plan, ahead);
            } catch (RuntimeException | Error broken) {
                ahead.values().forEach(headStart -> awaitGone(headStart, app));
                if (flow != null) {
                    flow.close();
                }
                throw broken;
            } finally {
                removeHook(exitGuard);
            }
            try (Opened<StartFlow> opened = flow) {
                session.started().whenComplete((decided, error) -> lock.close());
                return detach ? runDetached(session, app) : runInForeground(session, app, opened, outputs);
            }
        }
    }

    /** The ports {@code port: auto} picked, by backend: status, wait and stop find the backends there. */
    private static Map<String, Integer> autoPorts(AppConfig app) {
        Map<String, Integer> picked = new LinkedHashMap<>();
        app.backends().stream().filter(config -> config.get(Settings.PORT).auto())
                .forEach(config -> picked.put(config.name().value(), config.endpoint().port()));
        return picked;
    }

    /** The ports the app's backends need to themselves: a job, or a worker ready by its output alone, holds none. */
    private static List<Integer> lockedPorts(AppPlan plan) {
        return plan.backends().stream().filter(backend -> plan.usesItsPort(backend.name()))
                .map(backend -> backend.endpoint().port()).distinct().toList();
    }

    private static Duration longestStartupTimeout(AppConfig app) {
        return app.backends().stream().map(config -> config.timeouts().startupTimeout()).max(Duration::compareTo)
                .orElseThrow();
    }

    /** Launched ahead: each backend that waits for nothing, when nothing listens on its port. */
    private Map<BackendName, HeadStart> headStarts(AppConfig app, AppPlan plan) {
        Map<BackendName, HeadStart> ahead = new LinkedHashMap<>();
        for (StartBackendCommand command : plan.backends()) {
            if (command.dependsOn().isEmpty()) {
                headStarts.begin(app.backend(command.name()), command)
                        .ifPresent(headStart -> ahead.put(command.name(), headStart));
            }
        }
        return ahead;
    }

    /**
     * Until the run has the head start, nothing else would stop its backend: a Ctrl-C or SIGTERM while the run's graph
     * is built must not leave it running (detached, it would not even have a launch record yet).
     */
    private static Thread killAtExit(java.util.Collection<HeadStart> headStarts, AppConfig app) {
        Thread guard = new Thread(() -> headStarts.forEach(headStart -> awaitGone(headStart, app)),
                "lifeline-head-start-guard");
        Runtime.getRuntime().addShutdownHook(guard);
        return guard;
    }

    private static void awaitGone(HeadStart headStart, AppConfig app) {
        try {
            headStart.abandon().toCompletableFuture()
                    .get(stopBudget(app).toMillis(), TimeUnit.MILLISECONDS);
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

    private StatusPublishers outputs(AppConfig app) {
        List<StatusPublisher> outputs = new ArrayList<>();
        if (json) {
            outputs.add(new JsonLinesStatusPublisher(out, name -> app.backend(name).endpoint(), app::reachedByPort));
            outputs.add(new TerminalStatusPublisher(err, err, app, TerminalStatusPublisher.Style.PLAIN,
                    profiles));
        } else {
            outputs.add(new TerminalStatusPublisher(out, err, app,
                    TerminalStatusPublisher.Style.detect(System.getenv()), profiles));
        }
        return StatusPublishers.of(outputs.toArray(StatusPublisher[]::new));
    }

    private int runInForeground(AppSession session, AppConfig app, AutoCloseable run, StatusPublishers outputs) {
        AtomicInteger signals = new AtomicInteger();
        // First Ctrl-C / SIGTERM: graceful stop of every tree, in reverse dependency order. A second one: kill them all.
        StopSignals.install(() -> {
            if (signals.incrementAndGet() == 1) {
                session.stop();
            } else {
                session.kill();
            }
        });
        if (app.app().get(Settings.EXIT_WITH_PARENT)) {
            FrontEndWatch.start(System.in, json, reason -> {
                err.println("[" + session.correlationId() + "] the front end is gone (" + reason + "): stopping the"
                        + (app.named() ? " app" : " backend"));
                session.stop();
            });
        }
        Thread safetyNet = safetyNet(session, app, run, outputs);
        Runtime.getRuntime().addShutdownHook(safetyNet);
        ExitCode code;
        try {
            AppOutcome decided = session.started().toCompletableFuture().join();
            tell(decided, app, session);
            AppOutcome end = session.finished().toCompletableFuture().join();
            if (end.kind() != decided.kind()) {
                tell(end, app, session);
            }
            code = exitCodeFor(end);
        } catch (CompletionException bug) {
            code = internalError(bug.getCause(), app.app());
        }
        removeHook(safetyNet);
        return code.code();
    }

    /**
     * For exits that bypass the signal handlers (SIGHUP, say): stops the app, then closes the run, which delivers the
     * last event of every publisher it has (the log's and any the composition root added), and the front end's
     * publishers. Whoever closes second, the hook or the command's thread, waits for the first to finish: the JVM
     * halts when the hook returns, and must not cut a publisher's last delivery short.
     */
    static Thread safetyNet(AppSession session, AppConfig app, AutoCloseable run, StatusPublishers outputs) {
        return new Thread(() -> {
            stopAndWait(session, app);
            try {
                run.close();
            } catch (Exception ignored) {
                // The JVM is going down; the publishers below still get their chance.
            }
            outputs.close();
            LogSetup.flush();
        }, "lifeline-shutdown");
    }

    /** For an app of named backends: a summary once all are connected, one story when it fails. */
    private void tell(AppOutcome outcome, AppConfig app, AppSession session) {
        String id = "[" + session.correlationId() + "] ";
        if (!app.named()) {
            return;
        }
        PrintStream human = json ? err : out;
        switch (outcome.kind()) {
            case CONNECTED -> human.println(id + (outcome.ready().size() == 1 ? "ready: "
                    : "all " + outcome.ready().size() + " backends ready: ") + String.join(
                    ", ", outcome.ready().stream().map(ready -> summary(ready, app)).toList()));
            case FAILED, GAVE_UP -> {
                AppOutcome.Root root = outcome.root().orElseThrow();
                err.println(id + (outcome.kind() == AppOutcome.Kind.FAILED ? "the app did not start: "
                        : "the app stopped: ") + root.backend() + " " + (root.event() instanceof StatusEvent.Failed
                        failed ? "failed (" + failed.cause().summary() + ")" : "went down")
                        + (outcome.skipped().isEmpty() ? "" : "; skipped, never launched: " + names(outcome.skipped()))
                        + (outcome.takenDown().isEmpty() ? "" : "; stopped with it: " + names(outcome.takenDown())));
            }
            case STOPPED -> {
                // Each backend said it stopped.
            }
        }
    }

    private static String summary(StatusEvent ready, AppConfig app) {
        if (ready instanceof StatusEvent.Connected connected) {
            String pid = connected.pid().stream().mapToObj(number -> " (pid " + number + ")").findFirst().orElse("");
            return ready.backend() + (app.reachedByPort(ready.backend()) ? " on " + connected.endpoint() + pid
                    : " ready" + pid);
        }
        return ready.backend() + " completed";
    }

    private static String names(List<BackendName> backends) {
        return String.join(", ", backends.stream().map(BackendName::value).toList());
    }

    static ExitCode exitCodeFor(AppOutcome end) {
        if (end.root().isPresent()) {
            StatusEvent root = end.root().get().event();
            return root instanceof StatusEvent.Failed failed ? ExitCode.of(failed.cause().failureClass())
                    : ExitCode.DISCONNECTED;
        }
        return end.wasConnected() ? ExitCode.OK : ExitCode.INTERRUPTED;
    }

    /** {@code --detach}: wait until connected, leave the launch records, and exit with the backends still running. */
    private int runDetached(AppSession session, AppConfig app) {
        StopSignals.install(session::stop);
        AppOutcome decided;
        try {
            decided = session.started().toCompletableFuture().join();
        } catch (CompletionException bug) {
            return internalError(bug.getCause(), app.app()).code();
        }
        if (decided.kind() != AppOutcome.Kind.CONNECTED) {
            tell(decided, app, session);
            // Whatever started is stopped before the exit: a start that failed leaves nothing behind.
            stopAndWait(session, app);
            return exitCodeFor(decided).code();
        }
        String id = "[" + session.correlationId() + "] ";
        for (StatusEvent ready : decided.ready()) {
            String who = app.named() ? ready.backend() + ": " : "";
            if (!(ready instanceof StatusEvent.Connected connected)) {
                continue;
            }
            if (connected.attached()) {
                (json ? err : out).println(id + who + "not detaching: this backend was already running and was not started by this"
                        + " run");
                continue;
            }
            LifelineConfig config = app.backend(ready.backend());
            long pid = connected.pid().orElseThrow();
            (json ? err : out).println(id + who + "detached: backend pid " + pid + " keeps running on "
                    + config.endpoint() + "; its output goes to "
                    + RunStateFile.outputFile(app.runDir(), config.endpoint().port())
                    + "; stop it with: lifeline stop " + (app.named() ? "--backend " + ready.backend() + configOption()
                    : "--port " + config.endpoint().port()));
        }
        return ExitCode.OK.code();
    }

    private ExitCode internalError(Throwable bug, LifelineConfig config) {
        org.slf4j.LoggerFactory.getLogger(StartCommand.class).error("internal error", bug);
        err.println("lifeline: internal error: " + bug + " (details in " + config.logFile() + ")");
        return ExitCode.INTERNAL_ERROR;
    }

    /**
     * How long a stop of the whole app may take: each backend's stop grace along the longest chain of dependants
     * (they stop one after the other), plus a margin for the kill.
     */
    static Duration stopBudget(AppConfig app) {
        Map<BackendName, Duration> chain = new HashMap<>();
        Duration longest = Duration.ZERO;
        for (StartBackendCommand backend : app.plan().backends()) {
            longest = max(longest, chainOf(backend.name(), app.plan(), chain));
        }
        return longest.plusSeconds(3);
    }

    private static Duration chainOf(BackendName name, AppPlan plan, Map<BackendName, Duration> known) {
        Duration cached = known.get(name);
        if (cached != null) {
            return cached;
        }
        Duration dependants = Duration.ZERO;
        for (BackendName dependant : plan.dependantsOf(name)) {
            dependants = max(dependants, chainOf(dependant, plan, known));
        }
        Duration total = dependants.plus(plan.backend(name).stopGrace());
        known.put(name, total);
        return total;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** For exits that bypass the signal handlers: never leave a backend behind. */
    private static void stopAndWait(AppSession session, AppConfig app) {
        try {
            session.stop().toCompletableFuture().get(stopBudget(app).toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // The JVM is going down; nothing more can be done here.
        }
    }
}
