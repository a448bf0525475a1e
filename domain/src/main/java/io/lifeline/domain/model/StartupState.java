package io.lifeline.domain.model;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Where a start stands, as a front end sees it: a projection of the run's state that the run's one machine
 * ({@code RunMachine}'s transition table) sets with each transition. The paths it takes:
 *
 * <pre>
 * Idle -> CheckingExisting -> Connected (attached)
 *                          -> Launching -> WaitingForHealth -> Connected -> Stopping -> Stopped
 *                                                           -> RetryBackoff -> Launching ...
 *                                                           -> Failed
 *                                                           -> Stopped (a one-shot job that completed)
 * Connected -> Disconnected -> RestartBackoff -> Launching (attempt 1) ...   (restart policy)
 *                          -> Failed (restart limit) | Stopped
 * </pre>
 */
public sealed interface StartupState {

    /** Lower-case name for logs and JSON: {@code waiting-for-health}. */
    String label();

    default boolean isTerminal() {
        return false;
    }

    record Idle() implements StartupState {
        @Override
        public String label() {
            return "idle";
        }

    }

    record CheckingExisting() implements StartupState {
        @Override
        public String label() {
            return "checking-existing";
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

    }

    record WaitingForHealth(int attempt, long pid) implements StartupState {
        public WaitingForHealth {
            requireAttempt(attempt);
        }

        @Override
        public String label() {
            return "waiting-for-health";
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

    }

    /** The backend went away on its own, or was stopped for failing its liveness checks, after it was connected. */
    record Disconnected(OptionalLong exitCode) implements StartupState {
        @Override
        public String label() {
            return "disconnected";
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

    }

    record Failed(StartupFailure cause) implements StartupState {
        @Override
        public String label() {
            return "failed";
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

    }

    record Stopped() implements StartupState {
        @Override
        public String label() {
            return "stopped";
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
