package io.lifeline.adapter.cli.output;

import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.domain.model.RemedySetting;
import io.lifeline.domain.model.SettingNames;

/**
 * The CLI's words for the settings a remedy points to: the flag where there is one ({@code --port}), otherwise the
 * key to put in the config file ({@code acceptDegraded: true}).
 */
public final class CliSettingNames implements SettingNames {

    public static final CliSettingNames INSTANCE = new CliSettingNames();

    private CliSettingNames() {
    }

    @Override
    public String of(RemedySetting setting) {
        Setting<?> key = keyOf(setting);
        return key.flag().orElse(key.key());
    }

    @Override
    public String assign(RemedySetting setting, String value) {
        Setting<?> key = keyOf(setting);
        return key.flag().map(flag -> flag + " " + value).orElse(key.key() + ": " + value);
    }

    private static Setting<?> keyOf(RemedySetting setting) {
        return switch (setting) {
            case PORT -> Settings.PORT;
            case BACKEND_DIR -> Settings.BACKEND_DIR;
            case COMMAND -> Settings.COMMAND;
            case WORKING_DIR -> Settings.WORKING_DIR;
            case INTERPRETER -> Settings.PYTHON;
            case STARTUP_TIMEOUT -> Settings.STARTUP_TIMEOUT;
            case HEALTH_TIMEOUT -> Settings.HEALTH_TIMEOUT;
            case ATTACH -> Settings.ATTACH;
            case HEALTH_PATH -> Settings.HEALTH_PATH;
            case READY_LINE -> Settings.READY_LINE;
            case LIVENESS_THRESHOLD -> Settings.LIVENESS_THRESHOLD;
            case ACCEPT_DEGRADED -> Settings.ACCEPT_DEGRADED;
        };
    }
}
