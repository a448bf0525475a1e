package io.lifeline.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.lifeline.adapter.cli.command.ConfigCommand;
import io.lifeline.adapter.cli.command.Console;
import io.lifeline.adapter.cli.command.DoctorCommand;
import io.lifeline.adapter.cli.command.StartCommand;
import io.lifeline.adapter.cli.command.StartFlow;
import io.lifeline.adapter.cli.command.StatusCommand;
import io.lifeline.adapter.cli.command.StopCommand;
import io.lifeline.adapter.cli.command.WaitCommand;
import io.lifeline.adapter.cli.command.UseCaseFactory;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.domain.port.in.CheckBackendStatusUseCase;
import io.lifeline.domain.port.in.DiagnoseSetupUseCase;
import io.lifeline.domain.port.in.StopDetachedBackendUseCase;
import io.lifeline.domain.port.in.WaitForBackendUseCase;

import java.util.Objects;

/**
 * The command line's object graph: the configuration loader, the console, each command, and for each command the
 * factory that opens its inbound port per run ({@link LifelineModule}, once the configuration is known).
 */
final class CliModule extends AbstractModule {

    private final ConfigLoader loader;
    private final Console console;

    CliModule(ConfigLoader loader, Console console) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.console = Objects.requireNonNull(console, "console");
    }

    @Override
    protected void configure() {
        bind(ConfigLoader.class).toInstance(loader);
        bind(Console.class).toInstance(console);
    }

    @Provides
    UseCaseFactory<StartFlow> startFlows() {
        return new RunOpener<>(StartFlow.class);
    }

    @Provides
    UseCaseFactory<CheckBackendStatusUseCase> statusChecks() {
        return new RunOpener<>(CheckBackendStatusUseCase.class);
    }

    @Provides
    UseCaseFactory<WaitForBackendUseCase> waiters() {
        return new RunOpener<>(WaitForBackendUseCase.class);
    }

    @Provides
    WaitCommand waitCommand(ConfigLoader loader, Console console, UseCaseFactory<WaitForBackendUseCase> waiters) {
        return new WaitCommand(loader, console, waiters);
    }

    @Provides
    UseCaseFactory<StopDetachedBackendUseCase> stoppers() {
        return new RunOpener<>(StopDetachedBackendUseCase.class);
    }

    @Provides
    UseCaseFactory<DiagnoseSetupUseCase> diagnoses() {
        return new RunOpener<>(DiagnoseSetupUseCase.class);
    }

    @Provides
    StartCommand start(ConfigLoader loader, Console console, UseCaseFactory<StartFlow> flows) {
        return new StartCommand(loader, console, flows);
    }

    @Provides
    StopCommand stop(ConfigLoader loader, Console console, UseCaseFactory<StopDetachedBackendUseCase> stoppers) {
        return new StopCommand(loader, console, stoppers);
    }

    @Provides
    StatusCommand status(ConfigLoader loader, Console console,
                         UseCaseFactory<CheckBackendStatusUseCase> statuses) {
        return new StatusCommand(loader, console, statuses);
    }

    @Provides
    ConfigCommand config(ConfigLoader loader, Console console) {
        return new ConfigCommand(loader, console);
    }

    @Provides
    DoctorCommand doctor(ConfigLoader loader, Console console, UseCaseFactory<DiagnoseSetupUseCase> diagnoses) {
        return new DoctorCommand(loader, console, diagnoses);
    }
}
