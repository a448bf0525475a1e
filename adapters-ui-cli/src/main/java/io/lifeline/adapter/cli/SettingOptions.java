package io.lifeline.adapter.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Command-line options generated from {@link ConfigKey}, so help, config file and docs cannot drift apart. */
final class SettingOptions {

    private SettingOptions() {
    }

    static void add(CommandSpec command, List<ConfigKey> keys) {
        for (ConfigKey key : keys) {
            key.flag().ifPresent(flag -> command.addOption(OptionSpec.builder(flag)
                    .paramLabel(key.valueLabel())
                    .type(String.class)
                    .description(key.description() + " (default " + key.defaultValue()
                            + key.environmentVariable().map(variable -> "; env " + variable).orElse("") + ")")
                    .build()));
        }
    }

    /** The values given on the command line, by key. */
    static Map<ConfigKey, String> given(CommandSpec command) {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            key.flag().map(command::findOption).map(option -> option.<String>getValue())
                    .ifPresent(value -> flags.put(key, value));
        }
        return flags;
    }
}
