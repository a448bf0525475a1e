package io.lifeline.adapter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lifeline config}: the effective configuration, each value with where it came from. */
@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = LifelineCommand.Version.class,
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70,
        description = "Print the effective configuration: every setting, its value, and its source (default,"
                + " file:line, env or flag). Takes the same flags as start.")
public final class ConfigCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON config file")
    private Path configFile;

    @Option(names = "--json", description = "One JSON object: {key: {value, source}}")
    private boolean json;

    @Spec
    private CommandSpec spec;

    private final ConfigLoader loader;
    private final PrintStream out;
    private final PrintStream err;

    public ConfigCommand(ConfigLoader loader, PrintStream out, PrintStream err) {
        this.loader = loader;
        this.out = out;
        this.err = err;
    }

    static void addOptions(CommandSpec command) {
        SettingOptions.add(command, List.of(ConfigKey.values()));
    }

    @Override
    public Integer call() {
        LifelineConfig config;
        try {
            config = loader.load(Optional.ofNullable(configFile), SettingOptions.given(spec));
        } catch (ConfigException invalid) {
            err.println("lifeline: " + invalid.getMessage());
            return ExitCode.USAGE.code();
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
