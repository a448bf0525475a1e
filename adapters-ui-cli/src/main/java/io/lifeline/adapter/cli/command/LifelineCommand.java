package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.output.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;

/** The top-level {@code lifeline} command. */
@Command(name = "lifeline", mixinStandardHelpOptions = true, versionProvider = LifelineCommand.Version.class,
        description = "Starts your local backend reliably (the bundled FastAPI one, or any command you configure):"
                + " launches it, waits for real health, retries when that can help, stops the whole process tree, and explains every"
                + " failure.",
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70,
        subcommands = {StartCommand.class, StopCommand.class, StatusCommand.class, WaitCommand.class, ConfigCommand.class,
                AutoComplete.GenerateCompletion.class, DoctorCommand.class})
public final class LifelineCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The command line with all subcommands; exit codes as documented in {@link ExitCode}.
     *
     * @param commands builds every command with what it needs: the composition root's dependency-injecting factory
     */
    public static CommandLine commandLine(CommandLine.IFactory commands, Console console) {
        PrintStream err = console.err();
        CommandLine commandLine = new CommandLine(LifelineCommand.class, commands);
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            if (subcommand.getCommand() instanceof ConfiguredCommand configured) {
                SettingOptions.add(subcommand.getCommandSpec(), configured.settings());
            }
        }
        commandLine.setOut(new PrintWriter(console.out(), true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((invalid, args) -> {
            CommandLine failed = invalid.getCommandLine();
            err.println("lifeline: " + describe(invalid) + " (see '" + failed.getCommandSpec().qualifiedName()
                    + " --help')");
            return ExitCode.USAGE.code();
        });
        commandLine.setExecutionExceptionHandler((error, failed, parseResult) -> {
            // A bug must still end in one line and a log entry, never in a stack trace on the terminal.
            err.println("lifeline: internal error: " + error + " (details in the log file)");
            org.slf4j.LoggerFactory.getLogger(LifelineCommand.class).error("internal error", error);
            return ExitCode.INTERNAL_ERROR.code();
        });
        commandLine.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(ExitCode.table());
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            subcommand.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(ExitCode.table());
        }
        return commandLine;
    }

    private static String describe(CommandLine.ParameterException invalid) {
        if (invalid instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String argument = unmatched.getUnmatched().get(0);
            if (argument.startsWith("-")) {
                return invalid.getMessage();
            }
            List<String> suggestions = unmatched.getSuggestions();
            boolean topLevel = invalid.getCommandLine().getParent() == null;
            String what = topLevel ? "unknown command '" + argument + "'" : "unexpected argument '" + argument + "'";
            return suggestions.isEmpty() ? what : what + " - did you mean '" + suggestions.get(0) + "'?";
        }
        return invalid.getMessage();
    }

    /** Reads the version Maven wrote into lifeline-version.properties. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = LifelineCommand.class.getResourceAsStream("/lifeline-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"lifeline " + properties.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
