package io.lifeline.adapter.cli;

import io.lifeline.domain.model.Setting;
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
    public String of(Setting setting) {
        ConfigKey key = keyOf(setting);
        return key.flag().orElse(key.key());
    }

    @Override
    public String assign(Setting setting, String value) {
        ConfigKey key = keyOf(setting);
        return key.flag().map(flag -> flag + " " + value).orElse(key.key() + ": " + value);
    }

    private static ConfigKey keyOf(Setting setting) {
        return switch (setting) {
            case PORT -> ConfigKey.PORT;
            case BACKEND_DIR -> ConfigKey.BACKEND_DIR;
            case INTERPRETER -> ConfigKey.PYTHON;
            case STARTUP_TIMEOUT -> ConfigKey.STARTUP_TIMEOUT;
            case LIVENESS_THRESHOLD -> ConfigKey.LIVENESS_THRESHOLD;
            case ACCEPT_DEGRADED -> ConfigKey.ACCEPT_DEGRADED;
        };
    }
}
