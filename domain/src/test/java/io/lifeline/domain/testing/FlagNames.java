package io.lifeline.domain.testing;

import io.lifeline.domain.model.RemedySetting;
import io.lifeline.domain.model.SettingNames;

/** Settings named the way the CLI names them, so remedy texts read as the user sees them. */
public final class FlagNames implements SettingNames {

    public static final FlagNames FLAGS = new FlagNames();

    @Override
    public String of(RemedySetting setting) {
        return switch (setting) {
            case PORT -> "--port";
            case BACKEND_DIR -> "--backend-dir";
            case COMMAND -> "--command";
            case WORKING_DIR -> "--working-dir";
            case INTERPRETER -> "--python";
            case STARTUP_TIMEOUT -> "--startup-timeout";
            case HEALTH_TIMEOUT -> "--health-timeout";
            case ATTACH -> "--attach";
            case HEALTH_PATH -> "--health-path";
            case READY_LINE -> "--ready-line";
            case LIVENESS_THRESHOLD -> "--liveness-threshold";
            case ACCEPT_DEGRADED -> "acceptDegraded";
        };
    }

    @Override
    public String assign(RemedySetting setting, String value) {
        return setting == RemedySetting.ACCEPT_DEGRADED ? of(setting) + ": " + value : of(setting) + " " + value;
    }
}
