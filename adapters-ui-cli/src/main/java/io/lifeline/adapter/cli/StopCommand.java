package io.lifeline.adapter.cli;

import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code lifeline stop}: stop the backend that {@code start --detach} left running on a port. */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = LifelineCommand.Version.class,
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70,
        description = "Stop the backend that 'lifeline start --detach' left running: SIGTERM to its whole process"
                + " tree, SIGKILL to what is left after the grace period.")
public final class StopCommand extends ConfiguredCommand {

    static final List<ConfigKey> SETTINGS = List.of(ConfigKey.PORT, ConfigKey.RUN_DIR,
            ConfigKey.STOP_GRACE, ConfigKey.LOG_DIR);

    public StopCommand(ConfigLoader loader, StartFlow.Factory flows, PrintStream out, PrintStream err) {
        super(loader, flows, out, err);
    }

    @Override
    public Integer call() {
        LifelineConfig config;
        Optional<RunState> state;
        try {
            config = loadConfigAndLogs();
            state = RunStateFile.read(config.runDir(), config.endpoint().port());
        } catch (ConfigException invalid) {
            return usageError(invalid);
        }
        int port = config.endpoint().port();
        if (state.isEmpty()) {
            out.println("nothing to stop: no backend was started with --detach on port " + port + " (no "
                    + RunStateFile.path(config.runDir(), port) + ")");
            return ExitCode.OK.code();
        }
        RunState running = state.get();
        try (StartFlow flow = flows.open(event -> { })) {
            Optional<Instant> start = flow.processes().startOf(running.pid());
            if (start.isEmpty() || !running.startedAt(start.get())) {
                out.println("[" + running.correlationId() + "] backend pid " + running.pid() + " on port " + port
                        + " is not running any more; removed its state file");
                RunStateFile.delete(config.runDir(), port);
                return ExitCode.OK.code();
            }
            flow.processes().stopTree(running.pid(), config.command().stopGrace()).toCompletableFuture()
                    .get(config.command().stopGrace().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            RunStateFile.delete(config.runDir(), port);
            out.println("[" + running.correlationId() + "] stopped: backend pid " + running.pid() + " on port "
                    + port);
            return ExitCode.OK.code();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return ExitCode.INTERRUPTED.code();
        } catch (Exception failed) {
            err.println("lifeline: could not stop backend pid " + running.pid() + ": " + failed);
            return ExitCode.INTERNAL_ERROR.code();
        }
    }
}
