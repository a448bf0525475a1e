package io.lifeline.domain.usecase;


import java.time.Instant;
import java.util.Objects;

/**
 * One run as {@link RunMachine} sees it: the state, and what the run remembers across states.
 *
 * @param cycleStartedAt when the start was asked for, or the last restart began; "connected" reports time since then
 * @param nextLaunch     the number the next launch gets (1, 2, ...), so late events of earlier launches are known
 * @param cycle          the launch cycle: 1 for the start, +1 for each restart; each gets a fresh retry count
 */
record Run(RunState state, Instant cycleStartedAt, int nextLaunch, int cycle, RestartHistory restarts) {

    Run {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cycleStartedAt, "cycleStartedAt");
        Objects.requireNonNull(restarts, "restarts");
    }

    static Run initial(RestartHistory restarts, Instant createdAt) {
        return new Run(new RunState.Idle(), createdAt, 1, 0, restarts);
    }

    Run in(RunState value) {
        return new Run(value, cycleStartedAt, nextLaunch, cycle, restarts);
    }

    /** A new launch cycle begins now (the first start or a restart). */
    Run newCycle(Instant now) {
        return new Run(state, now, nextLaunch, cycle + 1, restarts);
    }

    Run launchTaken() {
        return new Run(state, cycleStartedAt, nextLaunch + 1, cycle, restarts);
    }

    Run withRestarts(RestartHistory value) {
        return new Run(state, cycleStartedAt, nextLaunch, cycle, value);
    }
}
