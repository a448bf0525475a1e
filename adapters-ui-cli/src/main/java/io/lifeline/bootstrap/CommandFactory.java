package io.lifeline.bootstrap;

import io.lifeline.adapter.cli.export.ExportTargets;
import io.lifeline.adapter.cli.command.ConfigCommand;
import io.lifeline.adapter.cli.command.ExportCommand;
import io.lifeline.adapter.cli.command.Console;
import io.lifeline.adapter.cli.command.DoctorCommand;
import io.lifeline.adapter.cli.command.StartCommand;
import io.lifeline.adapter.cli.command.StartFlow;
import io.lifeline.adapter.cli.command.StatusCommand;
import io.lifeline.adapter.cli.command.StopCommand;
import io.lifeline.adapter.cli.command.WaitCommand;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.domain.port.in.CheckBackendStatusUseCase;
import io.lifeline.domain.port.in.DiagnoseSetupUseCase;
import io.lifeline.domain.port.in.StopDetachedBackendUseCase;
import io.lifeline.domain.port.in.WaitForBackendUseCase;
import picocli.CommandLine;

import java.util.Objects;

/**
 * picocli builds every command through this factory, so commands get their dependencies by constructor and no
 * command looks anything up. The command line's own graph is a handful of objects and is wired here by hand: parsing
 * the arguments costs no injector. What a command runs is Guice's: each {@link RunOpener} builds the run's graph
 * from {@link LifelineModule} once the configuration is known. Anything else (option converters, the version
 * provider) is left to picocli's own factory.
 */
final class CommandFactory implements CommandLine.IFactory {

    private final ConfigLoader loader;
    private final Console console;

    CommandFactory(ConfigLoader loader, Console console) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.console = Objects.requireNonNull(console, "console");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Object command = command(type);
        return command != null ? type.cast(command) : CommandLine.defaultFactory().create(type);
    }

    private Object command(Class<?> type) {
        if (type == StartCommand.class) {
            return new StartCommand(loader, console, new RunOpener<>(StartFlow.class), new EarlyLaunch(),
                    LifelineModule::profileOf);
        }
        if (type == StopCommand.class) {
            return new StopCommand(loader, console, new RunOpener<>(StopDetachedBackendUseCase.class));
        }
        if (type == StatusCommand.class) {
            return new StatusCommand(loader, console, new RunOpener<>(CheckBackendStatusUseCase.class));
        }
        if (type == WaitCommand.class) {
            return new WaitCommand(loader, console, new RunOpener<>(WaitForBackendUseCase.class));
        }
        if (type == DoctorCommand.class) {
            return new DoctorCommand(loader, console, new RunOpener<>(DiagnoseSetupUseCase.class),
                    LifelineModule::profileOf);
        }
        if (type == ExportCommand.class) {
            return new ExportCommand(loader, console, ExportTargets.all(Programs::found), Interpreters::discovered);
        }
        if (type == ConfigCommand.class) {
            return new ConfigCommand(loader, console);
        }
        return null;
    }
}
