package io.lifeline.adapter.cli.command;

import io.lifeline.domain.model.BackendName;

import io.lifeline.adapter.cli.config.ConfigException;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.state.RunRecord;
import io.lifeline.adapter.cli.state.RunStateFile;
import io.lifeline.adapter.cli.state.UntrustedState;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.adapter.cli.output.StatusPublishers;
import io.lifeline.domain.port.in.StopDetachedBackendUseCase;
import picocli.CommandLine.Command;

import java.nio.file.Path;
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
    Needs needs() {
        return Needs.RUN_FOLDER;
    }

    /** With several backends: stops each one a detached start left running, dependants first. */
    @Override
    Across across() {
        return Across.REVERSED;
    }

    @Override
    int run(LifelineConfig config) {
        int port = config.endpoint().port();
        Optional<RunRecord> state;
        try {
            // Read only in the checked run folder, and only a record written for this port.
            state = RunStateFile.read(config.runDir(), port);
        } catch (ConfigException | UntrustedState | java.io.UncheckedIOException failed) {
            return refused(failed);
        }
        if (state.isEmpty()) {
            out.println("nothing to stop: no backend was started with --detach on port " + port + " (no "
                    + RunStateFile.path(config.runDir(), port) + ")");
            return ExitCode.OK.code();
        }
        RunRecord running = state.get();
        Path record = RunStateFile.path(config.runDir(), port);
        if (!config.origin(Settings.HOST).isDefault() && !running.host().equals(config.endpoint().host())) {
            // The port matches (the read checked it); a host given in the configuration must match too.
            return untrusted(new UntrustedState("the launch record " + record + " is for " + running.host() + ":"
                    + running.port() + ", not " + config.endpoint() + ": nothing was signalled", "stop with the"
                    + " configuration it was started with, or delete the record"));
        }
        if (!running.isDetached() && running.stillRuns()) {
            // Its own lifeline start supervises it, and would restart what stop ended: stop that start instead.
            out.println("[" + running.correlationId() + "] not stopping: backend pid " + running.pid() + " on port "
                    + port + " belongs to a lifeline start in the foreground; stop that one (Ctrl-C, or SIGTERM"
                    + " to it)");
            return ExitCode.OK.code();
        }
        String id = "[" + running.correlationId() + "] ";
        try (Opened<StopDetachedBackendUseCase> stopper = stoppers.open(config, StatusPublishers.none())) {
            StopDetachedBackendUseCase.Outcome outcome = stopper.useCase()
                    .stop(running.pid(), running.recordedStart(), config.command().stopGrace())
                    .toCompletableFuture()
                    .get(config.command().stopGrace().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            switch (outcome) {
                case STOPPED -> {
                    RunStateFile.delete(config.runDir(), port);
                    out.println(id + "stopped: backend pid " + running.pid() + " on port " + port);
                }
                case NOT_RUNNING -> {
                    RunStateFile.delete(config.runDir(), port);
                    out.println(id + "backend pid " + running.pid() + " on port " + port + " is not running any"
                            + " more; removed its state file");
                }
                case PID_REUSED -> {
                    // The recorded process is gone for sure: its record goes, the process now on the pid stays.
                    RunStateFile.delete(config.runDir(), port);
                    err.println("lifeline: " + id + "not stopping pid " + running.pid() + ": it is another process"
                            + " now (it started at another time than the launch record says), so the backend it"
                            + " named is gone; nothing was signalled, and the stale record " + record
                            + " was removed");
                    return ExitCode.UNTRUSTED_STATE.code();
                }
                case UNPROVEN -> {
                    err.println("lifeline: " + id + "not stopping pid " + running.pid() + ": the launch record "
                            + record + " has no process start time, so nothing proves that pid " + running.pid()
                            + " is the backend it names (pids are reused); nothing was signalled. If it is, stop it"
                            + " yourself (kill " + running.pid() + "), then delete the record");
                    return ExitCode.UNTRUSTED_STATE.code();
                }
            }
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
