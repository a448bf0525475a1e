package io.lifeline.bootstrap;

import io.lifeline.adapter.cli.command.Console;
import io.lifeline.adapter.cli.command.LifelineCommand;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.output.ExitCode;

import java.io.IOException;
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
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // picocli alone takes longer to set up than the JVM to start; the answer is the same as its.
            return printVersion();
        }
        WarmUp.startFor(args);
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path home = Path.of(System.getProperty(HOME_PROPERTY, workingDirectory.toString()));
        ConfigLoader loader = new ConfigLoader(workingDirectory, System.getenv(), home,
                Path.of(System.getProperty("user.home")));
        Console console = new Console(System.out, System.err);
        return LifelineCommand.commandLine(new CommandFactory(loader, console), console, args).execute(args);
    }

    private static int printVersion() {
        try {
            for (String line : new LifelineCommand.Version().getVersion()) {
                System.out.println(line);
            }
            return 0;
        } catch (IOException unreadable) {
            System.err.println("lifeline: cannot read the version (" + unreadable.getMessage() + ")");
            return ExitCode.INTERNAL_ERROR.code();
        }
    }
}
