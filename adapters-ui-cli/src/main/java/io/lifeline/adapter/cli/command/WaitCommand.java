package io.lifeline.adapter.cli.command;

import io.lifeline.domain.model.BackendName;

import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.CliSettingNames;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.adapter.cli.output.StatusPublishers;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.InertText;
import io.lifeline.domain.port.in.WaitForBackendUseCase;
import io.lifeline.domain.port.in.WaitForBackendUseCase.Outcome;
import picocli.CommandLine.Command;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import io.lifeline.adapter.cli.state.RunRecord;
import io.lifeline.adapter.cli.state.RunStateFile;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code lifeline wait}: wait until a backend that something else starts is ready, under the same health contract,
 * acceptance and timeouts as {@code start}; exit 0 when it is, with the classified exit code of the cause when not.
 */
@Command(name = "wait", mixinStandardHelpOptions = true, versionProvider = LifelineCommand.Version.class,
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70,
        description = "Wait until the backend on host:port is ready by its health contract (probing every"
                + " probeInterval, up to startupTimeout); start nothing. Exit 0 when ready; 16 not ready in time,"
                + " 17 services unhealthy or degraded, 18 not a health answer, 13 another service answers.")
public final class WaitCommand extends ConfiguredCommand {

    static final List<Setting<?>> SETTINGS = Stream.concat(Settings.PROBING.stream(),
            Stream.of(Settings.STARTUP_TIMEOUT, Settings.PROBE_INTERVAL, Settings.COMMAND, Settings.BACKEND_DIR,
                    Settings.LOG_DIR, Settings.RUN_DIR)).toList();

    private final UseCaseFactory<WaitForBackendUseCase> waiters;

    public WaitCommand(ConfigLoader loader, Console console, UseCaseFactory<WaitForBackendUseCase> waiters) {
        super(loader, console);
        this.waiters = Objects.requireNonNull(waiters, "waiters");
    }

    @Override
    ConfigLoader.Use configUse() {
        return ConfigLoader.Use.PROBE_ONLY;
    }

    @Override
    List<Setting<?>> settings() {
        return SETTINGS;
    }

    /** With several backends: waits for each in turn, after what it depends on; 0 only when every one is ready. */
    @Override
    Across across() {
        return Across.IN_ORDER;
    }

    /**
     * A backend reached by no port has nothing to probe: a one-shot job needs no wait, a worker is ready once the
     * process of its launch record runs (polled until its startup timeout).
     */
    private int processOnly(LifelineConfig config) throws InterruptedException {
        if (config.command().backend().readiness().completion()) {
            out.println("ready: " + config.name() + " is a one-shot job: nothing to wait for once it has completed");
            return ExitCode.OK.code();
        }
        long deadline = System.nanoTime() + config.timeouts().startupTimeout().toNanos();
        do {
            Optional<RunRecord> record;
            try {
                record = RunStateFile.read(config.runDir(), config.endpoint().port());
            } catch (RuntimeException untrusted) {
                record = Optional.empty();
            }
            Optional<RunRecord> running = record.filter(RunRecord::stillRuns);
            if (running.isPresent()) {
                out.println("ready: " + config.name() + " runs as pid " + running.get().pid()
                        + " (reached by no port: its process is its readiness)");
                return ExitCode.OK.code();
            }
            TimeUnit.MILLISECONDS.sleep(config.timeouts().probeInterval().toMillis());
        } while (System.nanoTime() - deadline < 0);
        out.println("not ready: " + config.name() + " has no running process in its launch record after "
                + io.lifeline.domain.model.Durations.format(config.timeouts().startupTimeout())
                + " (reached by no port, only its record tells); start it with lifeline start");
        return ExitCode.STATUS_DOWN.code();
    }

    @Override
    int run(LifelineConfig config) throws Exception {
        if (config.reachedByNoPort()) {
            return processOnly(config);
        }
        CorrelationId id = new CorrelationId("wait-" + Instant.now().toEpochMilli());
        long limit = config.timeouts().startupTimeout().plus(config.timeouts().probeTimeout()).toMillis() + 5_000;
        Outcome outcome;
        try (Opened<WaitForBackendUseCase> waiter = waiters.open(config, StatusPublishers.none())) {
            outcome = waiter.useCase().waitUntilReady(config.endpoint(), id, config.acceptance(), config.timeouts())
                    .toCompletableFuture().get(limit, TimeUnit.MILLISECONDS);
        }
        if (outcome instanceof Outcome.Ready ready) {
            out.println("ready: backend " + config.endpoint() + " " + InertText.line(ready.verdict().describe())
                    + " after "
                    + String.format(Locale.ROOT, "%.2f s", ready.waited().toMillis() / 1000.0) + " (" + ready.probes()
                    + (ready.probes() == 1 ? " probe)" : " probes)"));
            return ExitCode.OK.code();
        }
        Outcome.NotReady notReady = (Outcome.NotReady) outcome;
        out.println("not ready: backend " + config.endpoint() + " (" + notReady.probes()
                + (notReady.probes() == 1 ? " probe)" : " probes)"));
        out.println("  Cause:  " + InertText.line(notReady.cause().summary()));
        out.println("  Remedy: " + InertText.line(notReady.cause().remedy(CliSettingNames.INSTANCE)));
        notReady.cause().details().forEach(detail -> out.println("          - " + InertText.line(detail)));
        return ExitCode.of(notReady.cause().failureClass()).code();
    }
}
