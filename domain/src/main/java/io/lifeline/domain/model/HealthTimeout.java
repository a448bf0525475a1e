package io.lifeline.domain.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The backend did not become healthy within the startup timeout.
 *
 * @param lastObservation the last probe's result, which is the actual cause; empty if no probe completed
 */
public record HealthTimeout(Duration startupTimeout, Duration probeTimeout, Optional<HealthVerdict> lastObservation)
        implements StartupFailure {
    public HealthTimeout {
        Objects.requireNonNull(lastObservation, "lastObservation");
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.HEALTH_TIMEOUT;
    }

    @Override
    public String summary() {
        return "Backend did not become healthy within " + Durations.format(startupTimeout) + "; last probe: "
                + lastObservation.map(HealthVerdict::describe).orElse("none completed (probe timeout "
                + Durations.format(probeTimeout) + ")");
    }

    @Override
    public String remedy(SettingNames settings) {
        return "If the backend is just slow, raise " + settings.of(RemedySetting.STARTUP_TIMEOUT)
                + "; check that it listens on the port it was"
                + " given (its output below shows where it listens)";
    }
}
