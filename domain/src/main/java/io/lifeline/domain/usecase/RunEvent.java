package io.lifeline.domain.usecase;

import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.Ownership;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.StartupFailure;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a run. Adapters' callbacks become events (a probe answered, the process exited, a timer
 * fired, a stop was asked); {@link RunMachine} maps each one, with the current {@link Run}, to the next run and its
 * effects. Events that belong to one launch carry its number, so an event from an earlier launch is recognised as
 * late and ignored.
 */
sealed interface RunEvent {

    /**
     * An event of one launch (or, with {@link RunState.Attached#WATCH}, of the backend found running). When the run
     * awaits another launch, {@link RunMachine} drops it before any rule sees it: it is late.
     */
    interface OfLaunch {
        int launch();
    }

    /**
     * The front end asked for the start. The first event of every run.
     *
     * @param launchedAhead the front end found nothing listening on the port and has already begun the first launch
     *                      ({@link io.lifeline.domain.port.in.HeadStart}): there is no backend to check for
     */
    record StartRequested(boolean launchedAhead) implements RunEvent {
        public StartRequested() {
            this(false);
        }
    }

    /** The answer to the check for a backend that already runs. */
    record ExistingProbed(HealthObservation observation) implements RunEvent {
        public ExistingProbed {
            Objects.requireNonNull(observation, "observation");
        }
    }

    record Launched(int launch, long pid, String interpreter) implements RunEvent, OfLaunch {
        public Launched {
            Objects.requireNonNull(interpreter, "interpreter");
        }
    }

    record NotLaunched(int launch, StartupFailure failure) implements RunEvent, OfLaunch {
        public NotLaunched {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** The backend wrote a line. Only delivered while the run watches the output (see {@link Effect.WatchOutput}). */
    record OutputLine(int launch, String line) implements RunEvent, OfLaunch {
    }

    /** A health probe during a launch attempt answered. */
    record StartupProbed(int launch, HealthObservation observation) implements RunEvent, OfLaunch {
        public StartupProbed {
            Objects.requireNonNull(observation, "observation");
        }
    }

    /** Time for the next probe of a launch attempt. */
    record ProbeDue(int launch) implements RunEvent, OfLaunch {
    }

    /** The attempt's startup timeout passed. */
    record AttemptDeadline(int launch) implements RunEvent, OfLaunch {
    }

    /** The process exited, with what it wrote last. */
    record ProcessExited(int launch, int exitCode, List<String> lastOutput) implements RunEvent, OfLaunch {
        public ProcessExited {
            lastOutput = List.copyOf(lastOutput);
        }
    }

    /** The launch's whole process tree is gone after a stop or kill, with what it wrote last. */
    record TreeStopped(int launch, List<String> lastOutput) implements RunEvent, OfLaunch {
        public TreeStopped {
            lastOutput = List.copyOf(lastOutput);
        }
    }

    /** The retry port's answer after a failed attempt: the wait before the next one, or empty for "no more". */
    record RetryDecided(int failedAttempt, Optional<Duration> delay) implements RunEvent {
        public RetryDecided {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** The wait between two attempts is over. */
    record BackoffOver() implements RunEvent {
    }

    /** Time for the next liveness probe of a connected backend. */
    record LivenessDue(int launch) implements RunEvent, OfLaunch {
    }

    record LivenessProbed(int launch, HealthObservation observation) implements RunEvent, OfLaunch {
        public LivenessProbed {
            Objects.requireNonNull(observation, "observation");
        }
    }

    /** The connected backend has been up for the restart policy's stable period. */
    record StablePeriodOver(int launch) implements RunEvent, OfLaunch {
    }

    /** The wait before restarting a backend that went down is over. */
    record RestartDue() implements RunEvent {
    }

    /** The check of who serves the port answered. */
    record OwnerVerified(Ownership ownership) implements RunEvent {
        public OwnerVerified {
            Objects.requireNonNull(ownership, "ownership");
        }
    }

    /** The check that what answers on the port is the process launch {@code launch} started has an answer. */
    record LaunchProven(int launch, Ownership ownership) implements RunEvent, OfLaunch {
        public LaunchProven {
            Objects.requireNonNull(ownership, "ownership");
        }
    }

    /**
     * A proof of ownership took too long: of launch {@code launch}, or of a backend found running
     * ({@link RunState.Attached#WATCH}).
     */
    record ProofDeadline(int launch) implements RunEvent, OfLaunch {
    }

    /** The process of an attached backend, watched since it was proven, is gone (or its pid is another's now). */
    record WatchedProcessExited(long pid) implements RunEvent {
    }

    record PortHolderFound(Optional<PortHolder> holder) implements RunEvent {
        public PortHolderFound {
            Objects.requireNonNull(holder, "holder");
        }
    }

    record StopRequested() implements RunEvent {
    }

    /** A stop without grace period: the second Ctrl-C. */
    record KillRequested() implements RunEvent {
    }
}
