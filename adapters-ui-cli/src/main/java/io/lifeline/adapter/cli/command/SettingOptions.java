package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        }
    }

    /** The values given on the command line, by setting. */
    static Map<Setting<?>, String> given(CommandSpec command) {
        Map<Setting<?>, String> flags = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            setting.flag().map(command::findOption).map(option -> option.<String>getValue())
                    .ifPresent(value -> flags.put(setting, value));
        }
        return flags;
    }
}
