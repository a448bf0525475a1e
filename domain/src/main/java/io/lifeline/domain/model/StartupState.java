package io.lifeline.domain.model;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Where a start stands. Each state knows which states may follow it; anything else is a programming error.
 *
 * <pre>
 * Idle -> CheckingExisting -> Connected (attached)
 *                          -> Launching -> WaitingForHealth -> Connected -> Stopping -> Stopped
 *                                                           -> RetryBackoff -> Launching ...
 *                                                           -> Failed
 * Connected -> Disconnected -> RestartBackoff -> Launching (attempt 1) ...   (restart policy)
 *                          -> Failed (restart limit) | Stopped
 * </pre>
 * Stop requests lead to {@code Stopped} from every non-terminal state; see each {@code canMoveTo}.
 */
public sealed interface StartupState {

    /** Lower-case name for logs and JSON: {@code waiting-for-health}. */
    String label();

    boolean canMoveTo(StartupState next);

    default boolean isTerminal() {
        return false;
    }

    record Idle() implements StartupState {
        @Override
        public String label() {
            return "idle";
        }

        @Override
        public boolean canMoveTo(StartupState next) {
            return next instanceof CheckingExisting || next instanceof Launching || next instanceof Stopped;
        }
    }

    record CheckingExisting() implements StartupState {
        @Override
        public String label() {
            return "checking-existing";
        }

        @Override
        public boolean canMoveTo(StartupState next) {
            return next instanceof Connected connected && connected.attached()
                    || next instanceof Launching || next instanceof Failed || next instanceof Stopped;
        }
    }

    record Launching(int attempt) implements StartupState {
        public Launching {
            requireAttempt(attempt);
        }

        @Override
        public String label() {
            return "launching";
        }

        @Override
        public boolean canMoveTo(StartupState next) {
            return next instanceof WaitingForHealth waiting && waiting.attempt() == attempt
                    || next instanceof RetryBackoff backoff && backoff.nextAttempt() == attempt + 1
                    || next instanceof Failed || next instanceof Stopping || next instanceof Stopped;
        }
    }

    record WaitingForHealth(int attempt, long pid) implements StartupState {
        public WaitingForHealth {
            requireAttempt(attempt);
        }

        @Override
        public String label() {
            return "waiting-for-health";
        }

        @Override
        public boolean canMoveTo(StartupState next) {
            return next instanceof Connected connected && !connected.attached() && connected.attempt() == attempt
                    || next instanceof RetryBackoff backoff && backoff.nextAttempt() == attempt + 1
                    || next instanceof Failed || next instanceof Stopping;
        }
    }

    record RetryBackoff(int nextAttempt, Duration delay) implements StartupState {
        public RetryBackoff {
            if (nextAttempt < 2) {
                throw new IllegalArgumentException("a retry is attempt 2 or later, was " + nextAttempt);
            }
            Objects.requireNonNull(delay, "delay");
        }

        @Override
        public String label() {
            return "retry-backoff";
        }

        @Override
        public boolean canMoveTo(StartupState next) {
            return next instanceof Launching launching && launching.attempt() == nextAttempt
                    || next instanceof Stopped;
        }
    }

    /**
     * Ready for the front end.
     *
     * @param attempt  0 when attached to a backend that was already running
     * @param attached true when no process was spawned because a healthy backend already answered
     */
    record Connected(int attempt, OptionalLong pid, boolean attached) implements StartupState {
        @Override
        public String label() {
            return "connected";
        }

        @Override
        public boolean canMoveTo(StartupState next) {
            return next instanceof Stopping || next instanceof Disconnected || next instanceof Stopped;
        }
    }

    /** The backend went away on its own, or was stopped for failing its liveness checks, after it was connected. */
    record Disconnected(OptionalLong exitCode) implements StartupState {
        @Override
        public String label() {
            return "disconnected";
        }

        @Override
        public boolean canMoveTo(StartupState next) {
            return next instanceof Stopped || next instanceof RestartBackoff || next instanceof Failed;
        }
    }

    /** Waiting before restarting a backend that went down after it was connected. */
    record RestartBackoff(int restart, Duration delay) implements StartupState {
        public RestartBackoff {
            if (restart < 1) {
                throw new IllegalArgumentException("restart must be >= 1, was " + restart);
            }
            Objects.requireNonNull(delay, "delay");
        }

        @Override
        public String label() {
            return "restart-backoff";
        }

        @Override
        public boolean canMoveTo(StartupState next) {
            return next instanceof Launching launching && launching.attempt() == 1 || next instanceof Stopped;
        }
    }

    record Failed(StartupFailure cause) implements StartupState {
        @Override
        public String label() {
            return "failed";
        }

        @Override
        public boolean canMoveTo(StartupState next) {
            return false;
        }

        @Override
        public boolean isTerminal() {
            return true;
        }
    }

    record Stopping() implements StartupState {
        @Override
        public String label() {
            return "stopping";
        }

        @Override
        public boolean canMoveTo(StartupState next) {
            return next instanceof Stopped;
        }
    }

    record Stopped() implements StartupState {
        @Override
        public String label() {
            return "stopped";
        }

        @Override
        public boolean canMoveTo(StartupState next) {
            return false;
        }

        @Override
        public boolean isTerminal() {
            return true;
        }
    }

    private static void requireAttempt(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
    }
}
