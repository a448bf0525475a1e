package io.lifeline.domain.usecase;

import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.Ownership;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.model.Readiness;
import io.lifeline.domain.model.ReadyLineNotSeen;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.service.FailureClassifier;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where a run stands, with what it needs to remember there. Finer than the public
 * {@link io.lifeline.domain.model.StartupState}: the tree of a failed attempt being stopped, a retry being decided
 * or a port holder being looked up are states of their own here, but not to the front end.
 */
sealed interface RunState {

    /** The launch whose events this state takes; events of any other launch are late. Empty: it takes none. */
    default OptionalInt awaitedLaunch() {
        return OptionalInt.empty();
    }

    record Idle() implements RunState {
    }

    /** Probing the port before launching: a healthy backend there is attached to. */
    record CheckingExisting() implements RunState {
    }

    /** A ready backend answers on the port; whether it is ours is being checked. */
    record VerifyingOwner(HealthVerdict verdict) implements RunState {
        public VerifyingOwner {
            Objects.requireNonNull(verdict, "verdict");
        }

        @Override
        public OptionalInt awaitedLaunch() {
            return OptionalInt.of(Attached.WATCH);
        }
    }

    /** Launch {@code launch} of attempt {@code attempt} was asked for and has not answered yet. */
    record Launching(int attempt, int launch) implements RunState {
        @Override
        public OptionalInt awaitedLaunch() {
            return OptionalInt.of(launch);
        }
    }

    record WaitingForHealth(Attempt attempt) implements RunState {
        public WaitingForHealth {
            Objects.requireNonNull(attempt, "attempt");
        }

        @Override
        public OptionalInt awaitedLaunch() {
            return OptionalInt.of(attempt.launch());
        }
    }

    /** The attempt failed; its process tree is being stopped before the failure is classified and acted on. */
    record EndingAttempt(Attempt attempt, AttemptEnd end) implements RunState {
        public EndingAttempt {
            Objects.requireNonNull(attempt, "attempt");
            Objects.requireNonNull(end, "end");
        }

        @Override
        public OptionalInt awaitedLaunch() {
            return OptionalInt.of(attempt.launch());
        }
    }

    /** Waiting for the retry port's answer after a retryable failure. */
    record DecidingRetry(int attempt, StartupFailure failure, List<String> lastOutput) implements RunState {
        public DecidingRetry {
            Objects.requireNonNull(failure, "failure");
            lastOutput = List.copyOf(lastOutput);
        }
    }

    record RetryBackoff(int nextAttempt) implements RunState {
    }

    /**
     * The launched backend answered ready; whether the answer came from it, and not from a squatter that bound the
     * port while it booted, is being checked. The front end still sees it waiting for health.
     */
    record ProvingLaunch(Attempt attempt, HealthVerdict verdict) implements RunState {
        public ProvingLaunch {
            Objects.requireNonNull(attempt, "attempt");
            Objects.requireNonNull(verdict, "verdict");
        }

        @Override
        public OptionalInt awaitedLaunch() {
            return OptionalInt.of(attempt.launch());
        }
    }

    /** Connected to a backend this run launched, and watching it. */
    record Connected(Supervision supervision) implements RunState {
        public Connected {
            Objects.requireNonNull(supervision, "supervision");
        }

        @Override
        public OptionalInt awaitedLaunch() {
            return OptionalInt.of(supervision.launch());
        }
    }

    /**
     * Connected to a backend that was already running; this run does not own it, but watches it by liveness probes
     * and, when its proof showed its process, by that process's exit.
     *
     * @param failures    liveness probes failed in a row
     * @param answeredPid the pid its health answers name: a change means another process answers now
     * @param proof       how it was shown to be ours; empty when attached without verifying
     * @param reproving   its proof is being checked again (after a failed probe, or a new pid)
     */
    record Attached(int failures, OptionalLong answeredPid, Optional<Ownership.Proven> proof, boolean reproving)
            implements RunState {
        /** The launch number of an attached backend's liveness probes: it was not launched by this run. */
        static final int WATCH = -1;

        public Attached {
            Objects.requireNonNull(answeredPid, "answeredPid");
            Objects.requireNonNull(proof, "proof");
        }

        @Override
        public OptionalInt awaitedLaunch() {
            return OptionalInt.of(WATCH);
        }

        Attached(OptionalLong answeredPid, Optional<Ownership.Proven> proof) {
            this(0, answeredPid, proof, false);
        }

        Attached failedOnce() {
            return new Attached(failures + 1, answeredPid, proof, false);
        }

        Attached healthy(OptionalLong pid) {
            return new Attached(0, pid, proof, false);
        }

        Attached reproving(OptionalLong pid) {
            return new Attached(failures, pid, proof, true);
        }

        /** Whether it was proven ours, so the proof can be checked again: not attached on trust. */
        boolean verified() {
            return proof.isPresent();
        }

        /** Whether its process is watched: a proof that showed no process leaves only the health answers. */
        boolean watched() {
            return proof.flatMap(Ownership.Proven::listener).isPresent();
        }
    }

    /** The backend went down and the restart policy does not restart it: the run is over, but not stopped. */
    record Down() implements RunState {
    }

    record RestartBackoff() implements RunState {
    }

    /** The run fails for a held port; finding out who holds it first. */
    record LookingUpPortHolder(PortInUse cause, int attempts, List<String> lastOutput,
                               boolean stopAsked) implements RunState {
        public LookingUpPortHolder {
            Objects.requireNonNull(cause, "cause");
            lastOutput = List.copyOf(lastOutput);
        }
    }

    /**
     * Stopping launch {@code launch}; {@code launchPending} while it has not even answered yet, and {@code killAsked}
     * when a kill came meanwhile: the backend that launch brings is killed, not stopped with a grace period.
     */
    record Stopping(int launch, boolean launchPending, boolean killAsked) implements RunState {
        Stopping(int launch, boolean launchPending) {
            this(launch, launchPending, false);
        }

        @Override
        public OptionalInt awaitedLaunch() {
            return OptionalInt.of(launch);
        }
    }

    record Failed() implements RunState {
    }

    record Stopped() implements RunState {
    }

    /**
     * One launch attempt while its health is awaited.
     *
     * @param lastVerdict       the last probe's verdict, the cause if the deadline passes
     * @param probing           a probe is in flight: at most one at a time
     * @param probeAgain        something asked for a probe while one was in flight: send one when it answers
     * @param degradedPublished {@code degraded} is published once per attempt
     */
    record Attempt(int number, int launch, long pid, String interpreter, Optional<HealthVerdict> lastVerdict,
                   boolean probing, boolean probeAgain, boolean degradedPublished) {

        public Attempt {
            Objects.requireNonNull(interpreter, "interpreter");
            Objects.requireNonNull(lastVerdict, "lastVerdict");
        }

        static Attempt launched(int number, int launch, long pid, String interpreter) {
            return new Attempt(number, launch, pid, interpreter, Optional.empty(), false, false, false);
        }

        /**
         * Whether anything but "connection refused" came back yet. Until then, output is a sign of readiness; after
         * that it must not trigger probes: a backend that logs each request would turn every probe into the next.
         */
        boolean answered() {
            return lastVerdict.isPresent()
                    && !(lastVerdict.get() instanceof HealthVerdict.Unreachable unreachable
                    && unreachable.failure().kind() == ProbeFailure.Kind.CONNECTION_REFUSED);
        }

        Attempt probing(boolean value) {
            return new Attempt(number, launch, pid, interpreter, lastVerdict, value, probeAgain, degradedPublished);
        }

        Attempt probeAgain(boolean value) {
            return new Attempt(number, launch, pid, interpreter, lastVerdict, probing, value, degradedPublished);
        }

        Attempt answeredWith(HealthVerdict verdict) {
            return new Attempt(number, launch, pid, interpreter, Optional.of(verdict), false, probeAgain,
                    degradedPublished);
        }

        Attempt withDegradedPublished() {
            return new Attempt(number, launch, pid, interpreter, lastVerdict, probing, probeAgain, true);
        }
    }

    /** Why an attempt ended; classified once its tree is stopped and its last output is known. */
    sealed interface AttemptEnd {

        StartupFailure classify(Attempt attempt, List<String> lastOutput, StartBackendCommand command,
                                FailureClassifier classifier);

        record Exited(int exitCode) implements AttemptEnd {
            @Override
            public StartupFailure classify(Attempt attempt, List<String> lastOutput, StartBackendCommand command,
                                           FailureClassifier classifier) {
                return classifier.classifyExit(exitCode, lastOutput, command.backend(), attempt.interpreter(),
                        command.endpoint());
            }
        }

        /** At the deadline, the last thing seen is the cause: a backend that answered unhealthy is not a timeout. */
        record DeadlinePassed() implements AttemptEnd {
            @Override
            public StartupFailure classify(Attempt attempt, List<String> lastOutput, StartBackendCommand command,
                                           FailureClassifier classifier) {
                Readiness readiness = command.backend().readiness();
                if (!readiness.probes()) {
                    return new ReadyLineNotSeen(command.timeouts().startupTimeout(),
                            readiness.readyLine().orElseThrow().pattern());
                }
                return classifier.classifyTimeout(command.timeouts(), attempt.lastVerdict(), lastOutput,
                        Optional.of(command.endpoint()));
            }
        }

        /** Already classified when it ended, e.g. another service answering on the port. */
        record Failed(StartupFailure failure) implements AttemptEnd {
            @Override
            public StartupFailure classify(Attempt attempt, List<String> lastOutput, StartBackendCommand command,
                                           FailureClassifier classifier) {
                return failure;
            }
        }
    }

    /**
     * A connected backend under watch.
     *
     * @param shown           the verdict the front end was last told (connected or degraded)
     * @param failures        failed liveness probes in a row
     * @param livenessFailure set once the threshold is reached and the backend is being stopped for it
     * @param answeredPid     the pid its health answers name: a change means another process may answer now
     * @param proving         a healthy answer waiting for the launch to be proven again before it counts
     */
    record Supervision(int attempt, int launch, long pid, HealthVerdict shown, int failures,
                       Optional<StartupFailure> livenessFailure, OptionalLong answeredPid,
                       Optional<HealthVerdict> proving) {
        public Supervision {
            Objects.requireNonNull(shown, "shown");
            Objects.requireNonNull(livenessFailure, "livenessFailure");
            Objects.requireNonNull(answeredPid, "answeredPid");
            Objects.requireNonNull(proving, "proving");
        }

        static Supervision connected(int attempt, int launch, long pid, HealthVerdict verdict) {
            return new Supervision(attempt, launch, pid, verdict, 0, Optional.empty(), pidOf(verdict),
                    Optional.empty());
        }

        Supervision healthyAgain(HealthVerdict verdict) {
            return new Supervision(attempt, launch, pid, verdict, 0, livenessFailure, pidOf(verdict),
                    Optional.empty());
        }

        Supervision failedOnce() {
            return new Supervision(attempt, launch, pid, shown, failures + 1, livenessFailure, answeredPid, proving);
        }

        Supervision goingDown(StartupFailure failure) {
            return new Supervision(attempt, launch, pid, shown, failures, Optional.of(failure), answeredPid,
                    Optional.empty());
        }

        Supervision provingAgain(HealthVerdict verdict) {
            return new Supervision(attempt, launch, pid, shown, failures, livenessFailure, answeredPid,
                    Optional.of(verdict));
        }

        private static OptionalLong pidOf(HealthVerdict verdict) {
            return verdict.readyReport().map(HealthReport::pid).orElse(OptionalLong.empty());
        }
    }
}
