package io.lifeline.domain.model;

import java.time.Duration;
import java.util.Objects;

/** A connected backend stopped answering health checks; Lifeline stopped it. */
public record LivenessFailed(int failures, Duration interval, HealthVerdict lastVerdict) implements StartupFailure {
    public LivenessFailed {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(lastVerdict, "lastVerdict");
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.LIVENESS_FAILED;
    }

    @Override
    public String summary() {
        return "Backend failed " + failures + " health checks in a row (every " + Durations.format(interval)
                + "); last: " + lastVerdict.describe();
    }

    @Override
    public String remedy(SettingNames settings) {
        return "Check the backend log for what blocks it; raise " + settings.of(RemedySetting.LIVENESS_THRESHOLD)
                + " if it is only briefly busy";
    }
}
