package io.lifeline.domain.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The backend went down too often: gave up restarting it.
 *
 * @param downs why it went down each time, oldest first (exit codes, liveness failures, last lines)
 */
public record RestartLimitReached(int restarts, Duration window, List<String> downs) implements StartupFailure {
    public RestartLimitReached {
        Objects.requireNonNull(window, "window");
        downs = List.copyOf(downs);
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.RESTART_LIMIT_REACHED;
    }

    @Override
    public String summary() {
        return "Gave up: the backend went down again after " + restarts + " restarts within "
                + Durations.format(window);
    }

    @Override
    public String remedy(SettingNames settings) {
        return "Fix what makes the backend go down (see below and the log file), then start it again";
    }

    @Override
    public List<String> details() {
        return downs;
    }
}
