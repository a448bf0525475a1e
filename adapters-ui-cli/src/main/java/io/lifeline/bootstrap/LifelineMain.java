package io.lifeline.bootstrap;

import io.lifeline.adapter.cli.command.Console;
import io.lifeline.adapter.cli.command.LifelineCommand;
import io.lifeline.adapter.cli.config.ConfigLoader;

import java.nio.file.Path;

/** Entry point of the {@code lifeline} command. */
public final class LifelineMain {

    /** Set by the launcher script to the installation folder; the bundled backend lives below it. */
    static final String HOME_PROPERTY = "lifeline.home";

    private LifelineMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path home = Path.of(System.getProperty(HOME_PROPERTY, workingDirectory.toString()));
        ConfigLoader loader = new ConfigLoader(workingDirectory, System.getenv(), home,
                Path.of(System.getProperty("user.home")));
        Console console = new Console(System.out, System.err);
        return LifelineCommand.commandLine(new CommandFactory(loader, console), console).execute(args);
    }
}
