package io.lifeline.adapter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;

/** {@code lifeline config}: the effective configuration, each value with where it came from. */
@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = LifelineCommand.Version.class,
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70,
        description = "Print the effective configuration: every setting, its value, and its source (default,"
                + " file:line, env or flag). Takes the same flags as start.")
public final class ConfigCommand extends ConfiguredCommand {

    @Option(names = "--json", description = "One JSON object: {key: {value, source}}")
    private boolean json;

    public ConfigCommand(ConfigLoader loader, PrintStream out, PrintStream err) {
        super(loader, null, out, err);
    }

    static void addOptions(CommandSpec command) {
        SettingOptions.add(command, List.of(ConfigKey.values()));
    }

    @Override
    public Integer call() {
        LifelineConfig config;
        try {
            config = loadConfig();
        } catch (ConfigException invalid) {
            return usageError(invalid);
        }
        if (json) {
            ObjectNode all = new ObjectMapper().createObjectNode();
            for (ConfigKey key : ConfigKey.values()) {
                all.putObject(key.key()).put("value", config.values().get(key))
                        .put("source", config.sources().get(key));
            }
            out.println(all.toString());
            return ExitCode.OK.code();
        }
        int width = java.util.Arrays.stream(ConfigKey.values()).mapToInt(key -> key.key().length()).max().orElse(10);
        for (ConfigKey key : ConfigKey.values()) {
            out.println(String.format("%-" + width + "s  %s  (%s)", key.key(), config.values().get(key),
                    config.sources().get(key)));
        }
        return ExitCode.OK.code();
    }
}
