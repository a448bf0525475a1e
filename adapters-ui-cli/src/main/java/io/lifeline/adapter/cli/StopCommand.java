package io.lifeline.adapter.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code lifeline stop}: stop the backend that {@code start --detach} left running on a port. */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = LifelineCommand.Version.class,
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70,
        description = "Stop the backend that 'lifeline start --detach' left running: SIGTERM to its whole process"
                + " tree, SIGKILL to what is left after the grace period.")
public final class StopCommand implements Callable<Integer> {

    static final List<ConfigKey> SETTINGS = List.of(ConfigKey.PORT, ConfigKey.RUN_DIR,
            ConfigKey.STOP_GRACE, ConfigKey.LOG_DIR);

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON config file")
    private Path configFile;

    @Spec
    private CommandSpec spec;

    private final ConfigLoader loader;
    private final StartFlow.Factory flows;
    private final PrintStream out;
    private final PrintStream err;

    public StopCommand(ConfigLoader loader, StartFlow.Factory flows, PrintStream out, PrintStream err) {
        this.loader = loader;
        this.flows = flows;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        LifelineConfig config;
        Optional<RunState> state;
        try {
            config = loader.load(Optional.ofNullable(configFile), SettingOptions.given(spec));
            LogSetup.useLogDirectory(config.logDir(), config.sources().get(ConfigKey.LOG_DIR));
            state = RunStateFile.read(config.runDir(), config.endpoint().port());
        } catch (ConfigException invalid) {
            err.println("lifeline: " + invalid.getMessage());
            return ExitCode.USAGE.code();
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
