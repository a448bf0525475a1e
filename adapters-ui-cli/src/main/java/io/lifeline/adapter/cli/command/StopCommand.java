package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.config.ConfigException;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.state.RunState;
import io.lifeline.adapter.cli.state.RunStateFile;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.adapter.cli.output.StatusOutputs;
import io.lifeline.domain.port.in.StopDetachedBackendUseCase;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code lifeline stop}: stop the backend that {@code start --detach} left running on a port. */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = LifelineCommand.Version.class,
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70,
        description = "Stop the backend that 'lifeline start --detach' left running: SIGTERM to its whole process"
                + " tree, SIGKILL to what is left after the grace period.")
public final class StopCommand extends ConfiguredCommand {

    static final List<Setting<?>> SETTINGS = List.of(Settings.PORT, Settings.RUN_DIR, Settings.STOP_GRACE,
            Settings.LOG_DIR);

    private final UseCaseFactory<StopDetachedBackendUseCase> stoppers;

    public StopCommand(ConfigLoader loader, Console console, UseCaseFactory<StopDetachedBackendUseCase> stoppers) {
        super(loader, console);
        this.stoppers = Objects.requireNonNull(stoppers, "stoppers");
    }

    @Override
    ConfigLoader.Use configUse() {
        return ConfigLoader.Use.PROBE_ONLY;
    }

    @Override
    List<Setting<?>> settings() {
        return SETTINGS;
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
        if (!running.isDetached() && ProcessHandle.of(running.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            // Its own lifeline start supervises it, and would restart what stop ended: stop that start instead.
            out.println("[" + running.correlationId() + "] not stopping: backend pid " + running.pid() + " on port "
                    + port + " belongs to a lifeline start in the foreground; stop that one (Ctrl-C, or SIGTERM"
                    + " to it)");
            return ExitCode.OK.code();
        }
        try (Opened<StopDetachedBackendUseCase> stopper = stoppers.open(config, StatusOutputs.none())) {
            StopDetachedBackendUseCase.Outcome outcome = stopper.useCase()
                    .stop(running.pid(), running.recordedStart(), config.command().stopGrace())
                    .toCompletableFuture()
                    .get(config.command().stopGrace().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            RunStateFile.delete(config.runDir(), port);
            out.println(switch (outcome) {
                case NOT_RUNNING -> "[" + running.correlationId() + "] backend pid " + running.pid() + " on port "
                        + port + " is not running any more; removed its state file";
                case STOPPED -> "[" + running.correlationId() + "] stopped: backend pid " + running.pid()
                        + " on port " + port;
            });
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
