package io.lifeline.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * A backend that only its output can call ready (no health probes) did not print its ready line in time.
 *
 * @param readyLine the pattern that was awaited
 */
public record ReadyLineNotSeen(Duration startupTimeout, String readyLine) implements StartupFailure {
    public ReadyLineNotSeen {
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(readyLine, "readyLine");
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.HEALTH_TIMEOUT;
    }

    @Override
    public String summary() {
        return "Backend did not print its ready line /" + readyLine + "/ within " + Durations.format(startupTimeout);
    }

    @Override
    public String remedy(SettingNames settings) {
        return "If the backend is just slow, raise " + settings.of(RemedySetting.STARTUP_TIMEOUT) + "; if it says it is ready"
                + " in other words (its output below), match them with " + settings.of(RemedySetting.READY_LINE);
    }
}
