package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.export.ExportTargets;
import io.lifeline.adapter.cli.export.ExportTestData;
import io.lifeline.adapter.cli.export.ExportTargets;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.process.PythonCommands;
import io.lifeline.domain.port.in.CheckBackendStatusUseCase;
import io.lifeline.domain.port.in.DiagnoseSetupUseCase;
import io.lifeline.domain.port.in.StopDetachedBackendUseCase;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The command line as the composition root builds it, with stand-ins for the use cases: by default every use case
 * factory refuses to open (and counts the attempt), so a test that must not start anything fails if it does.
 */
final class TestCommands implements CommandLine.IFactory {

    private final ConfigLoader loader;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    private final AtomicInteger opened = new AtomicInteger();
    private UseCaseFactory<StartFlow> starts = never("start");
    private UseCaseFactory<StopDetachedBackendUseCase> stoppers = never("stop");
    private UseCaseFactory<CheckBackendStatusUseCase> statuses = never("status");
    private UseCaseFactory<DiagnoseSetupUseCase> diagnoses = never("doctor");
    private HeadStarts headStarts = HeadStarts.NONE;

    TestCommands(ConfigLoader loader) {
        this.loader = loader;
    }

    /** The start flow cannot be built: opening it throws {@code broken}. */
    TestCommands startFlowBrokenBy(RuntimeException broken) {
        this.starts = (config, publisher) -> {
            opened.incrementAndGet();
            throw broken;
        };
        return this;
    }

    TestCommands headStartingWith(HeadStarts headStarts) {
        this.headStarts = headStarts;
        return this;
    }

    TestCommands diagnosingWith(DiagnoseSetupUseCase diagnosis) {
        this.diagnoses = (config, publisher) -> {
            opened.incrementAndGet();
            return Opened.holdingNothing(diagnosis);
        };
        return this;
    }

    TestCommands stoppingWith(StopDetachedBackendUseCase stopper) {
        this.stoppers = (config, publisher) -> {
            opened.incrementAndGet();
            return Opened.holdingNothing(stopper);
        };
        return this;
    }

    int execute(String... args) {
        return LifelineCommand.commandLine(this, console, args).execute(args);
    }

    /** How many use cases the commands opened. */
    int opened() {
        return opened.get();
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Object command;
        if (type == StartCommand.class) {
            command = new StartCommand(loader, console, starts, headStarts);
        } else if (type == StopCommand.class) {
            command = new StopCommand(loader, console, stoppers);
        } else if (type == StatusCommand.class) {
            command = new StatusCommand(loader, console, statuses);
        } else if (type == DoctorCommand.class) {
            command = new DoctorCommand(loader, console, diagnoses,
                    backend -> PythonCommands.profileFor(backend.command()));
        } else if (type == WaitCommand.class) {
            command = new WaitCommand(loader, console, never("wait"));
        } else if (type == ConfigCommand.class) {
            command = new ConfigCommand(loader, console);
        } else if (type == ExportCommand.class) {
            command = new ExportCommand(loader, console, ExportTargets.all(ExportTestData.USR_BIN), backend -> Optional.empty());
        } else {
            return CommandLine.defaultFactory().create(type);
        }
        return type.cast(command);
    }

    private <P> UseCaseFactory<P> never(String command) {
        return (config, publisher) -> {
            opened.incrementAndGet();
            throw new AssertionError("this test must not open the " + command + " use case");
        };
    }
}
