package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Command-line options generated from {@link Settings}, so help, config file and docs cannot drift apart. */
final class SettingOptions {

    private SettingOptions() {
    }

    static void add(CommandSpec command, List<Setting<?>> settings) {
        for (Setting<?> setting : settings) {
            setting.flag().ifPresent(flag -> command.addOption(OptionSpec.builder(flag)
                    .paramLabel(setting.valueLabel())
                    .type(String.class)
                    .description(setting.description() + " (default " + setting.defaultText()
                            + setting.environmentVariable().map(variable -> "; env " + variable).orElse("") + ")")
                    .build()));
            // The old name still works, out of the help's way.
            setting.formerFlag().ifPresent(former -> command.addOption(OptionSpec.builder(former)
                    .paramLabel(setting.valueLabel())
                    .type(String.class)
                    .hidden(true)
                    .description("The old name of " + setting.flag().orElse(setting.key()))
                    .build()));
        }
    }

    /** The values given on the command line, by the flag they were given under (a former flag included). */
    static Map<String, String> given(CommandSpec command) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            for (Optional<String> flag : List.of(setting.flag(), setting.formerFlag())) {
                flag.filter(name -> command.findOption(name) != null)
                        .ifPresent(name -> {
                            String value = command.findOption(name).getValue();
                            if (value != null) {
                                flags.put(name, value);
                            }
                        });
            }
        }
        return flags;
    }
}
