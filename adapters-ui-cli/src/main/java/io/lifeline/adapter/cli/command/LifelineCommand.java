package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.output.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The top-level {@code lifeline} command. */
@Command(name = "lifeline", mixinStandardHelpOptions = true, versionProvider = LifelineCommand.Version.class,
        description = "Starts your local backend reliably (the bundled FastAPI one, or any command you configure):"
                + " launches it, waits for real health, retries when that can help, stops the whole process tree, and explains every"
                + " failure.",
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70)
public final class LifelineCommand implements Runnable {

    /** Every subcommand, in the order {@code lifeline --help} lists them. */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> all = new LinkedHashMap<>();
        all.put("start", StartCommand.class);
        all.put("stop", StopCommand.class);
        all.put("status", StatusCommand.class);
        all.put("wait", WaitCommand.class);
        all.put("config", ConfigCommand.class);
        all.put("export", ExportCommand.class);
        all.put("generate-completion", AutoComplete.GenerateCompletion.class);
        all.put("doctor", DoctorCommand.class);
        return Collections.unmodifiableMap(all);
    }

    /**
     * The command line for {@code args}; exit codes as documented in {@link ExitCode}. When the first argument names a
     * subcommand, only that one is built: each carries every setting as an option, and building them all took most of
     * the time before a command could run; {@code --version} alone needs none. Anything else (no argument,
     * {@code --help}, an unknown or mistyped name, {@code generate-completion}) gets all of them, for the usage, the
     * suggestions and the completion script.
     *
     * @param commands builds every command with what it needs: the composition root's factory
     */
    public static CommandLine commandLine(CommandLine.IFactory commands, Console console, String... args) {
        PrintStream err = console.err();
        CommandLine commandLine = new CommandLine(LifelineCommand.class, commands);
        String named = args.length > 0 ? args[0] : "";
        boolean onlyNamed = SUBCOMMANDS.containsKey(named) && !named.equals("generate-completion");
        boolean versionOnly = args.length == 1 && (named.equals("--version") || named.equals("-V"));
        SUBCOMMANDS.forEach((name, type) -> {
            if (!versionOnly && (!onlyNamed || name.equals(named))) {
                commandLine.addSubcommand(name, type);
            }
        });
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            if (subcommand.getCommand() instanceof ConfiguredCommand configured) {
                SettingOptions.add(subcommand.getCommandSpec(), configured.settings());
            }
        }
        commandLine.setOut(new PrintWriter(console.out(), true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((invalid, unused) -> {
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
