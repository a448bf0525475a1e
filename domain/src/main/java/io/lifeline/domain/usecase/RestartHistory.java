package io.lifeline.domain.usecase;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.LivenessFailed;
import io.lifeline.domain.model.RestartLimitReached;
import io.lifeline.domain.model.RestartPolicy;
import io.lifeline.domain.model.StartupFailure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * The restart decision of one run, in one place: whether a backend that went down is restarted at all (the policy's
 * mode, and a failed liveness check counts as a failure), how long to wait first (exponential, reset once the backend
 * was stable), whether the window still allows one (systemd's StartLimitBurst within StartLimitIntervalSec), and why
 * the backend went down each time, for the report when Lifeline gives up. Immutable: each change returns a new one.
 *
 * <p>The window counts the time the backend was given, not the time Lifeline itself waited between restarts: with
 * the default backoff the waits alone (2 + 4 + 8 + 16 + 32 s) exceed the default 60 s window, so a wall-clock window
 * would let every crash loop escape it and restart forever.
 *
 * @param seed        jitter without a global random source: varies between runs, repeatable within one
 * @param draws       random values used so far
 * @param waited      backoff waited so far: subtracted from wall time, so the window only sees the backend's time
 */
record RestartHistory(RestartPolicy policy, long seed, List<Instant> restartTimes, List<String> downs,
                      int sinceStable, int draws, Duration waited) {

    RestartHistory {
        Objects.requireNonNull(policy, "policy");
        restartTimes = List.copyOf(restartTimes);
        downs = List.copyOf(downs);
        Objects.requireNonNull(waited, "waited");
    }

    static RestartHistory of(RestartPolicy policy, CorrelationId correlationId) {
        return new RestartHistory(policy, correlationId.value().hashCode(), List.of(), List.of(), 0, 0,
                Duration.ZERO);
    }

    /** What happens after a connected backend went down for {@code cause} at {@code now}. */
    sealed interface Decision {
        RestartHistory history();
    }

    /** The policy does not restart after this cause: the run ends. */
    record NoRestart(RestartHistory history) implements Decision {
    }

    record Restart(int number, Duration delay, RestartHistory history) implements Decision {
    }

    record GiveUp(StartupFailure failure, RestartHistory history) implements Decision {
    }

    Decision afterDown(StartupFailure cause, OptionalInt exitCode, Instant now) {
        RestartHistory downed = wentDown(cause);
        boolean restarts = cause instanceof LivenessFailed
                ? policy.mode() != RestartPolicy.Mode.NEVER
                : policy.restartsAfter(exitCode);
        if (!restarts) {
            return new NoRestart(downed);
        }
        if (!downed.allowsRestartAt(now)) {
            return new GiveUp(downed.giveUp(), downed);
        }
        return downed.restartAt(now);
    }

    RestartHistory wentDown(StartupFailure cause) {
        List<String> kept = new ArrayList<>(downs);
        kept.add(cause.summary());
        while (kept.size() > policy.maxRestarts() + 1) {
            kept.remove(0);
        }
        return new RestartHistory(policy, seed, restartTimes, kept, sinceStable, draws, waited);
    }

    /** Whether fewer than {@code maxRestarts} restarts happened within the window that ends now. */
    boolean allowsRestartAt(Instant now) {
        Instant windowStart = backendTime(now).minus(policy.window());
        long inWindow = restartTimes.stream().filter(time -> time.isAfter(windowStart)).count();
        return inWindow < policy.maxRestarts();
    }

    Restart restartAt(Instant now) {
        Instant windowStart = backendTime(now).minus(policy.window());
        List<Instant> times = new ArrayList<>(restartTimes.stream().filter(time -> time.isAfter(windowStart)).toList());
        times.add(backendTime(now));
        int number = sinceStable + 1;
        Duration delay = policy.delayBefore(number, nextRandom());
        return new Restart(number, delay,
                new RestartHistory(policy, seed, times, downs, number, draws + 1, waited.plus(delay)));
    }

    /** The backend has been healthy for the stable period: the next restart waits the initial delay again. */
    RestartHistory stable() {
        return new RestartHistory(policy, seed, restartTimes, downs, 0, draws, waited);
    }

    StartupFailure giveUp() {
        return new RestartLimitReached(policy.maxRestarts(), policy.window(), downs);
    }

    private Instant backendTime(Instant now) {
        return now.minus(waited);
    }

    /** The next value of this run's random sequence, the same one a mutable generator would have handed out. */
    private double nextRandom() {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < draws; i++) {
            random.nextDouble();
        }
        return random.nextDouble();
    }
}
