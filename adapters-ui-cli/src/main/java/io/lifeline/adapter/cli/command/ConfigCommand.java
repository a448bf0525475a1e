package io.lifeline.adapter.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.InertText;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code lifeline config}: the effective configuration, each value with where it came from. */
@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = LifelineCommand.Version.class,
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70,
        description = "Print the effective configuration: every setting, its value, and its source (default,"
                + " file:line, env or flag), and a note for a setting given under its old name. Takes the same flags"
                + " as start.")
public final class ConfigCommand extends ConfiguredCommand {

    @Option(names = "--json", description = "One JSON object: {key: {value, source}}")
    private boolean json;

    public ConfigCommand(ConfigLoader loader, Console console) {
        super(loader, console);
    }

    @Override
    List<Setting<?>> settings() {
        return Settings.ALL;
    }

    @Override
    Needs needs() {
        return Needs.CONFIG;
    }

    /**
     * An app of named backends: each backend's values under its name (text: a {@code [name]} line before them; JSON:
     * an object per backend), with where each came from.
     */
    @Override
    int run(AppConfig app) {
        if (!app.named()) {
            return run(app.app());
        }
        if (json) {
            ObjectNode all = new ObjectMapper().createObjectNode();
            for (LifelineConfig config : app.backends()) {
                ObjectNode backend = all.putObject(config.name().value());
                for (Setting<?> setting : Settings.ALL) {
                    backend.putObject(setting.key()).put("value", config.shown(setting))
                            .put("source", config.origin(setting).where());
                }
                com.fasterxml.jackson.databind.node.ArrayNode dependsOn = backend.putObject("dependsOn")
                        .putArray("value");
                for (Dependency dependency : config.command().dependsOn()) {
                    ObjectNode entry = dependsOn.addObject().put("on", dependency.on().value())
                            .put("condition", dependency.condition().word())
                            .put("restartWith", dependency.restartWith());
                    dependency.timeout().ifPresent(timeout -> entry.put("timeout",
                            io.lifeline.domain.model.Durations.format(timeout)));
                }
            }
            out.println(all.toString());
            app.backends().stream().flatMap(config -> config.formerNameNotes().stream()).distinct()
                    .forEach(err::println);
            return ExitCode.OK.code();
        }
        int width = Settings.ALL.stream().mapToInt(setting -> setting.key().length()).max().orElse(10);
        for (LifelineConfig config : app.backends()) {
            out.println("[" + config.name() + "]" + (config.command().dependsOn().isEmpty() ? ""
                    : "  dependsOn: " + String.join(", ", config.command().dependsOn().stream()
                    .map(Dependency::describe).toList())));
            for (Setting<?> setting : Settings.ALL) {
                out.println(String.format("  %-" + width + "s  %s  (%s)", setting.key(),
                        InertText.field(config.shown(setting)), config.origin(setting)));
            }
        }
        app.backends().stream().flatMap(config -> config.formerNameNotes().stream()).distinct().forEach(out::println);
        return ExitCode.OK.code();
    }

    @Override
    int run(LifelineConfig config) {
        if (json) {
            ObjectNode all = new ObjectMapper().createObjectNode();
            for (Setting<?> setting : Settings.ALL) {
                all.putObject(setting.key()).put("value", config.shown(setting))
                        .put("source", config.origin(setting).where());
            }
            out.println(all.toString());
            // stdout stays one JSON document.
            config.formerNameNotes().forEach(err::println);
            return ExitCode.OK.code();
        }
        int width = Settings.ALL.stream().mapToInt(setting -> setting.key().length()).max().orElse(10);
        for (Setting<?> setting : Settings.ALL) {
            out.println(String.format("%-" + width + "s  %s  (%s)", setting.key(),
                    InertText.field(config.shown(setting)), config.origin(setting)));
        }
        config.formerNameNotes().forEach(out::println);
        return ExitCode.OK.code();
    }
}
