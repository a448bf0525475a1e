package io.lifeline.domain.usecase;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.RestartPolicy;
import io.lifeline.domain.model.StartupFailure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The restart arithmetic of one run: how long to wait before the next restart (exponential, reset once the backend
 * was stable), whether the window still allows one (systemd's StartLimitBurst within StartLimitIntervalSec), and why
 * the backend went down each time, for the report when Lifeline gives up. Not thread-safe: used under the run's lock.
 *
 * <p>The window counts the time the backend was given, not the time Lifeline itself waited between restarts: with
 * the default backoff the waits alone (2 + 4 + 8 + 16 + 32 s) exceed the default 60 s window, so a wall-clock window
 * would let every crash loop escape it and restart forever.
 */
final class RestartHistory {

    private final RestartPolicy policy;
    /** Jitter without a global random source: varies between runs, repeatable within one. */
    private final SplittableRandom random;
    private final Deque<Instant> restartTimes = new ArrayDeque<>();
    private final Deque<String> downs = new ArrayDeque<>();
    private int sinceStable;
    /** Backoff waited so far: subtracted from wall time, so the window only sees the backend's own time. */
    private Duration waited = Duration.ZERO;

    RestartHistory(RestartPolicy policy, CorrelationId correlationId) {
        this.policy = policy;
        this.random = new SplittableRandom(correlationId.value().hashCode());
    }

    record Restart(int number, Duration delay) {
    }

    void wentDown(StartupFailure cause) {
        downs.addLast(cause.summary());
        while (downs.size() > policy.maxRestarts() + 1) {
            downs.removeFirst();
        }
    }

    /** Whether fewer than {@code maxRestarts} restarts happened within the window that ends now. */
    boolean allowsRestartAt(Instant now) {
        Instant windowStart = backendTime(now).minus(policy.window());
        while (!restartTimes.isEmpty() && !restartTimes.peekFirst().isAfter(windowStart)) {
            restartTimes.removeFirst();
        }
        return restartTimes.size() < policy.maxRestarts();
    }

    Restart restartAt(Instant now) {
        restartTimes.addLast(backendTime(now));
        sinceStable++;
        Restart restart = new Restart(sinceStable, policy.delayBefore(sinceStable, random.nextDouble()));
        waited = waited.plus(restart.delay());
        return restart;
    }

    private Instant backendTime(Instant now) {
        return now.minus(waited);
    }

    /** The backend has been healthy for the stable period: the next restart waits the initial delay again. */
    void stable() {
        sinceStable = 0;
    }

    StartupFailure giveUp() {
        List<String> reasons = new ArrayList<>(downs);
        return new StartupFailure.RestartLimitReached(policy.maxRestarts(), policy.window(), reasons);
    }
}
