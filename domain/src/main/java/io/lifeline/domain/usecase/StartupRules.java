package io.lifeline.domain.usecase;

import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.Ownership;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.Readiness;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.service.FailureClassifier;
import io.lifeline.domain.usecase.Effect.ProbePurpose;
import io.lifeline.domain.usecase.Effect.Timer;
import io.lifeline.domain.usecase.RunEvent.AttemptDeadline;
import io.lifeline.domain.usecase.RunEvent.BackoffOver;
import io.lifeline.domain.usecase.RunEvent.ExistingProbed;
import io.lifeline.domain.usecase.RunEvent.Launched;
import io.lifeline.domain.usecase.RunEvent.NotLaunched;
import io.lifeline.domain.usecase.RunEvent.OutputLine;
import io.lifeline.domain.usecase.RunEvent.OwnerVerified;
import io.lifeline.domain.usecase.RunEvent.ProbeDue;
import io.lifeline.domain.usecase.RunEvent.ProofDeadline;
import io.lifeline.domain.usecase.RunEvent.ProcessExited;
import io.lifeline.domain.usecase.RunEvent.RetryDecided;
import io.lifeline.domain.usecase.RunEvent.StartRequested;
import io.lifeline.domain.usecase.RunEvent.StartupProbed;
import io.lifeline.domain.usecase.RunEvent.TreeStopped;
import io.lifeline.domain.usecase.RunState.Attempt;
import io.lifeline.domain.usecase.RunState.AttemptEnd;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * From the start request until connected or failed: the check for a running backend, launch attempts, the wait for
 * health (fail fast on exit, probe at once on output), and retries between attempts.
 */
final class StartupRules {

    /** The status of a backend that said it is ready in its output, with no health answer to go by. */
    static final String READY_BY_OUTPUT = "ready (its output said so)";

    private final FailureClassifier classifier;

    StartupRules(FailureClassifier classifier) {
        this.classifier = classifier;
    }

    void addTo(TransitionTable table) {
        table.on(RunState.Idle.class, StartRequested.class, this::checkExisting, RunState.CheckingExisting.class,
                        RunState.Launching.class)
                .on(RunState.CheckingExisting.class, ExistingProbed.class, this::existingProbed,
                        RunState.Attached.class, RunState.Launching.class, RunState.LookingUpPortHolder.class,
                        RunState.VerifyingOwner.class, RunState.Failed.class)
                .on(RunState.VerifyingOwner.class, OwnerVerified.class, this::ownerVerified,
                        RunState.Attached.class, RunState.LookingUpPortHolder.class, RunState.Failed.class)
                .on(RunState.VerifyingOwner.class, ProofDeadline.class, this::ownerNotVerifiedInTime,
                        RunState.LookingUpPortHolder.class)
                .on(RunState.Launching.class, Launched.class, this::launched, RunState.WaitingForHealth.class)
                .on(RunState.Launching.class, NotLaunched.class, this::notLaunched,
                        RunState.DecidingRetry.class, RunState.Failed.class)
                .on(RunState.WaitingForHealth.class, StartupProbed.class, this::probed,
                        RunState.ProvingLaunch.class, RunState.EndingAttempt.class)
                .on(RunState.WaitingForHealth.class, ProbeDue.class, this::probeDue)
                .on(RunState.WaitingForHealth.class, OutputLine.class, this::output, RunState.Connected.class)
                .on(RunState.WaitingForHealth.class, ProcessExited.class, this::exited, RunState.EndingAttempt.class)
                .on(RunState.WaitingForHealth.class, AttemptDeadline.class, this::deadline,
                        RunState.EndingAttempt.class)
                .on(RunState.EndingAttempt.class, TreeStopped.class, this::attemptStopped,
                        RunState.DecidingRetry.class, RunState.Failed.class, RunState.LookingUpPortHolder.class,
                        RunState.Stopped.class)
                .on(RunState.DecidingRetry.class, RetryDecided.class, this::retryDecided,
                        RunState.RetryBackoff.class, RunState.Failed.class, RunState.LookingUpPortHolder.class)
                .on(RunState.RetryBackoff.class, BackoffOver.class, this::backoffOver, RunState.Launching.class);
    }

    private RunState checkExisting(RunState.Idle idle, StartRequested event, Step step) {
        step.remember(run -> run.newCycle(step.now()));
        if (event.launchedAhead() || !step.command().usesItsPort()) {
            // A one-shot job serves nothing on a port: there is nothing to attach to.
            // Or nothing listened on the port, so the first launch began before the run: it is this attempt.
            return Outcomes.launchAttempt(step, 1);
        }
        step.enter(new StartupState.CheckingExisting());
        step.then(new Effect.Probe(ProbePurpose.EXISTING, 0));
        return new RunState.CheckingExisting();
    }

    private RunState existingProbed(RunState.CheckingExisting state, ExistingProbed event, Step step) {
        StartBackendCommand command = step.command();
        HealthVerdict verdict = command.acceptance().evaluate(event.observation());
        if (command.acceptance().accepts(verdict) && !command.backend().readiness().probes()) {
            // Without a health answer nothing tells this backend from any other listener.
            return Outcomes.fail(step, new PortInUse(command.endpoint(), "something already listens there, and a"
                    + " backend without health probes cannot be told apart from it"), 0, List.of());
        }
        if (command.acceptance().accepts(verdict)) {
            return switch (command.attach()) {
                case HEALTHY -> attach(verdict, Optional.empty(), step);
                case VERIFIED -> {
                    step.then(new Effect.VerifyOwner(verdict.readyReport().orElseThrow()));
                    step.then(new Effect.Schedule(Timer.PROOF_DEADLINE, command.timeouts().proofTimeout(),
                            new ProofDeadline(RunState.Attached.WATCH)));
                    yield new RunState.VerifyingOwner(verdict);
                }
                case NEVER -> Outcomes.fail(step, new PortInUse(command.endpoint(), "a backend already answers there"
                        + " (" + verdict.describe() + "), and attach is never"), 0, List.of());
            };
        }
        if (event.observation() instanceof ProbeFailure failure
                && failure.kind() == ProbeFailure.Kind.CONNECTION_REFUSED) {
            return Outcomes.launchAttempt(step, 1);
        }
        return Outcomes.fail(step, new PortInUse(command.endpoint(),
                "something answers there that is not a healthy backend: " + verdict.describe()), 0, List.of());
    }

    private RunState ownerVerified(RunState.VerifyingOwner state, OwnerVerified event, Step step) {
        step.then(new Effect.Cancel(Timer.PROOF_DEADLINE));
        if (event.ownership() instanceof Ownership.Proven proven) {
            return attach(state.verdict(), Optional.of(proven), step);
        }
        Ownership.Refused refused = event.ownership().refusal().orElseThrow();
        return Outcomes.fail(step, new PortInUse(step.command().endpoint(), (refused.stale() ? "a stale backend"
                : "a backend that is not proven ours") + " answers there: " + refused.reason(), refused.holder(),
                true), 0, List.of());
    }

    /** A proof with no answer in time is no proof: a hostile answer must not hold a start for ever. */
    private RunState ownerNotVerifiedInTime(RunState.VerifyingOwner state, ProofDeadline event, Step step) {
        return Outcomes.fail(step, new PortInUse(step.command().endpoint(), "a ready backend answers there, but"
                + " whether it is ours could not be proven within " + Durations.format(step.command().timeouts()
                .proofTimeout()), Optional.empty(), true), 0, List.of());
    }

    private static RunState attach(HealthVerdict verdict, Optional<Ownership.Proven> proof, Step step) {
        StartBackendCommand command = step.command();
        OptionalLong pid = verdict.readyReport().map(HealthReport::pid).orElse(OptionalLong.empty());
        step.enter(new StartupState.Connected(0, pid, true));
        Outcomes.publishConnected(step, new StatusEvent.Connected(step.correlationId(), step.now(),
                command.endpoint(), pid, 0, step.elapsed(), true, proof), verdict);
        SupervisionRules.scheduleLiveness(RunState.Attached.WATCH, step);
        // Proven by its process: its exit is seen at once, not after the liveness probes fail.
        proof.flatMap(Ownership.Proven::listener).ifPresent(process ->
                step.then(new Effect.WatchProcess(Optional.of(process))));
        return new RunState.Attached(pid, proof);
    }

    private RunState launched(RunState.Launching state, Launched event, Step step) {
        StartBackendCommand command = step.command();
        step.enter(new StartupState.WaitingForHealth(state.attempt(), event.pid()));
        step.publish(new StatusEvent.Launching(step.correlationId(), step.now(), command.endpoint(), state.attempt(),
                command.retry().maxAttempts(), event.pid()));
        step.then(new Effect.Schedule(Timer.ATTEMPT_DEADLINE, command.timeouts().startupTimeout(),
                new AttemptDeadline(event.launch())));
        step.then(new Effect.WatchOutput(event.launch(), true));
        if (command.backend().readiness().probes()) {
            step.then(new Effect.Deliver(new ProbeDue(event.launch())));
        }
        return new RunState.WaitingForHealth(Attempt.launched(state.attempt(), event.launch(), event.pid(),
                event.interpreter()));
    }

    private RunState notLaunched(RunState.Launching state, NotLaunched event, Step step) {
        return Outcomes.attemptFailed(step, state.attempt(), event.failure(), List.of());
    }

    private RunState probed(RunState.WaitingForHealth state, StartupProbed event, Step step) {
        Attempt attempt = state.attempt();
        HealthAcceptance acceptance = step.command().acceptance();
        HealthVerdict verdict = acceptance.evaluate(event.observation());
        boolean answeredBefore = attempt.answered();
        attempt = attempt.answeredWith(verdict);
        if (acceptance.accepts(verdict)) {
            return LaunchProofRules.prove(attempt, verdict, step);
        }
        if (verdict instanceof HealthVerdict.Foreign) {
            // Our backend cannot be what answers: something else holds the port it was meant to use.
            return endAttempt(attempt, new AttemptEnd.Failed(new PortInUse(step.command().endpoint(),
                    verdict.describe())), step);
        }
        if (verdict instanceof HealthVerdict.Degraded degraded && !attempt.degradedPublished()) {
            step.publish(new StatusEvent.Degraded(step.correlationId(), step.now(), degraded.services()));
            attempt = attempt.withDegradedPublished();
        }
        if (attempt.answered() && !answeredBefore && readiness(step).readyLine().isEmpty()) {
            step.then(new Effect.WatchOutput(attempt.launch(), false));
        }
        boolean again = attempt.probeAgain() && !attempt.answered();
        attempt = attempt.probeAgain(false);
        if (again) {
            return new RunState.WaitingForHealth(probeNow(attempt, step));
        }
        step.then(new Effect.Schedule(Timer.NEXT_PROBE, step.command().timeouts().probeInterval(),
                new ProbeDue(attempt.launch())));
        return new RunState.WaitingForHealth(attempt);
    }

    private RunState probeDue(RunState.WaitingForHealth state, ProbeDue event, Step step) {
        return new RunState.WaitingForHealth(probeNow(state.attempt(), step));
    }

    /**
     * Output is a sign of readiness: without a ready line, any line until the backend first answers; with one, the
     * matching line. It asks for a probe at once instead of after the interval, or, without probes, is the readiness.
     */
    private RunState output(RunState.WaitingForHealth state, OutputLine event, Step step) {
        Attempt attempt = state.attempt();
        Readiness readiness = readiness(step);
        if (!readiness.signalledBy(event.line())
                || readiness.readyLine().isEmpty() && attempt.answered()) {
            return state;
        }
        if (!readiness.probes()) {
            // The line came from the launched process itself: there is no answer on the port to prove.
            return connect(attempt, new HealthVerdict.Healthy(HealthReport.of(READY_BY_OUTPUT, Map.of())),
                    Optional.empty(), step);
        }
        return new RunState.WaitingForHealth(probeNow(attempt, step));
    }

    private static Readiness readiness(Step step) {
        return step.command().backend().readiness();
    }

    private RunState exited(RunState.WaitingForHealth state, ProcessExited event, Step step) {
        return endAttempt(state.attempt(), new AttemptEnd.Exited(event.exitCode()), step);
    }

    private RunState deadline(RunState.WaitingForHealth state, AttemptDeadline event, Step step) {
        return endAttempt(state.attempt(), new AttemptEnd.DeadlinePassed(), step);
    }

    /** The tree of the failed attempt is gone: never start the next attempt while it still holds the port. */
    private RunState attemptStopped(RunState.EndingAttempt state, TreeStopped event, Step step) {
        Attempt attempt = state.attempt();
        if (readiness(step).completion() && state.end() instanceof AttemptEnd.Exited exited
                && exited.exitCode() == 0) {
            return Outcomes.completed(step, attempt);
        }
        StartupFailure failure = state.end().classify(attempt, event.lastOutput(), step.command(), classifier);
        return Outcomes.attemptFailed(step, attempt.number(), failure, event.lastOutput());
    }

    private RunState retryDecided(RunState.DecidingRetry state, RetryDecided event, Step step) {
        if (event.failedAttempt() != state.attempt()) {
            return state;
        }
        if (event.delay().isEmpty()) {
            return Outcomes.fail(step, state.failure(), state.attempt(), state.lastOutput());
        }
        int next = state.attempt() + 1;
        step.enter(new StartupState.RetryBackoff(next, event.delay().get()));
        step.publish(new StatusEvent.Retrying(step.correlationId(), step.now(), next,
                step.command().retry().maxAttempts(), event.delay().get(), state.failure()));
        step.then(new Effect.Schedule(Timer.BACKOFF, event.delay().get(), new BackoffOver()));
        return new RunState.RetryBackoff(next);
    }

    private RunState backoffOver(RunState.RetryBackoff state, BackoffOver event, Step step) {
        return Outcomes.launchAttempt(step, state.nextAttempt());
    }

    /** At most one probe in flight: a probe asked for meanwhile is sent when the current one answers. */
    private static Attempt probeNow(Attempt attempt, Step step) {
        if (attempt.probing()) {
            return attempt.probeAgain(true);
        }
        step.then(new Effect.Cancel(Timer.NEXT_PROBE));
        step.then(new Effect.Probe(ProbePurpose.STARTUP, attempt.launch()));
        return attempt.probing(true);
    }

    static RunState endAttempt(Attempt attempt, AttemptEnd end, Step step) {
        step.then(new Effect.Cancel(Timer.ATTEMPT_DEADLINE));
        step.then(new Effect.Cancel(Timer.NEXT_PROBE));
        step.then(new Effect.Cancel(Timer.PROOF_DEADLINE));
        step.then(new Effect.WatchOutput(attempt.launch(), false));
        step.then(new Effect.StopTree(attempt.launch()));
        return new RunState.EndingAttempt(attempt, end);
    }

    /** Connected to the backend of {@code attempt}, shown to be it by {@code proof} (empty: its own output said so). */
    static RunState connect(Attempt attempt, HealthVerdict verdict, Optional<Ownership.Proven> proof,
                                    Step step) {
        StartBackendCommand command = step.command();
        step.then(new Effect.Cancel(Timer.ATTEMPT_DEADLINE));
        step.then(new Effect.Cancel(Timer.NEXT_PROBE));
        step.then(new Effect.WatchOutput(attempt.launch(), false));
        OptionalLong pid = OptionalLong.of(attempt.pid());
        step.enter(new StartupState.Connected(attempt.number(), pid, false));
        Outcomes.publishConnected(step, new StatusEvent.Connected(step.correlationId(), step.now(),
                command.endpoint(), pid, attempt.number(), step.elapsed(), false, proof), verdict);
        return SupervisionRules.startWatching(attempt, verdict, step);
    }
}
