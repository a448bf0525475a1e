package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendExited;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.LivenessFailed;
import io.lifeline.domain.model.LivenessPolicy;
import io.lifeline.domain.model.Ownership;
import io.lifeline.domain.model.OwnershipNotProven;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.RestartPolicy;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.usecase.Effect.ProbePurpose;
import io.lifeline.domain.usecase.Effect.Timer;
import io.lifeline.domain.usecase.RunEvent.LivenessDue;
import io.lifeline.domain.usecase.RunEvent.LaunchProven;
import io.lifeline.domain.usecase.RunEvent.LivenessProbed;
import io.lifeline.domain.usecase.RunEvent.OwnerVerified;
import io.lifeline.domain.usecase.RunEvent.ProofDeadline;
import io.lifeline.domain.usecase.RunEvent.WatchedProcessExited;
import io.lifeline.domain.usecase.RunEvent.ProcessExited;
import io.lifeline.domain.usecase.RunEvent.RestartDue;
import io.lifeline.domain.usecase.RunEvent.StablePeriodOver;
import io.lifeline.domain.usecase.RunState.Attempt;
import io.lifeline.domain.usecase.RunState.Supervision;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * After connected: a liveness probe every interval ({@code failureThreshold} failures in a row stop the backend),
 * degraded and recovered published when they change, the restart backoff reset once the backend was stable, and
 * what happens when the backend goes down (see {@link RestartHistory#afterDown}).
 */
final class SupervisionRules {

    void addTo(TransitionTable table) {
        table.on(RunState.Connected.class, LivenessDue.class, this::livenessDue)
                .on(RunState.Connected.class, LivenessProbed.class, this::livenessProbed)
                .on(RunState.Connected.class, LaunchProven.class, this::launchProvenAgain)
                .on(RunState.Connected.class, ProofDeadline.class, this::launchNotProvenAgainInTime)
                .on(RunState.Connected.class, StablePeriodOver.class, this::stable)
                .on(RunState.Connected.class, ProcessExited.class, this::down,
                        RunState.Down.class, RunState.RestartBackoff.class, RunState.Failed.class)
                .on(RunState.RestartBackoff.class, RestartDue.class, this::restart, RunState.Launching.class)
                .on(RunState.Attached.class, LivenessDue.class, this::attachedLivenessDue)
                .on(RunState.Attached.class, LivenessProbed.class, this::attachedLivenessProbed,
                        RunState.Down.class, RunState.RestartBackoff.class, RunState.Failed.class)
                .on(RunState.Attached.class, OwnerVerified.class, this::attachedReproven,
                        RunState.Down.class, RunState.RestartBackoff.class, RunState.Failed.class)
                .on(RunState.Attached.class, ProofDeadline.class, this::attachedNotReprovenInTime,
                        RunState.Down.class, RunState.RestartBackoff.class, RunState.Failed.class)
                .on(RunState.Attached.class, WatchedProcessExited.class, this::attachedExited,
                        RunState.Down.class, RunState.RestartBackoff.class, RunState.Failed.class);
    }

    private RunState attachedLivenessDue(RunState.Attached state, LivenessDue event, Step step) {
        if (!state.reproving()) {
            step.then(new Effect.Probe(ProbePurpose.LIVENESS, RunState.Attached.WATCH));
        }
        return state;
    }

    /**
     * An attached backend that fails its liveness checks is down like one this run launched: {@code disconnected},
     * and under a restart policy other than never this run launches its own (it is the owner now). There is no
     * process of ours to stop. A verified one is proven again before it counts as healthy after a failed check, or
     * when its answer names another pid: another process may have taken the port.
     */
    private RunState attachedLivenessProbed(RunState.Attached state, LivenessProbed event, Step step) {
        if (state.reproving()) {
            return state;
        }
        HealthVerdict verdict = step.command().acceptance().evaluate(event.observation());
        if (verdict instanceof HealthVerdict.Healthy || verdict instanceof HealthVerdict.Degraded) {
            HealthReport report = verdict.readyReport().orElseThrow();
            // Without a watched process, nothing but a new proof tells it from a squatter that kept its pid.
            if (state.verified() && (state.failures() > 0 || !report.pid().equals(state.answeredPid())
                    || !state.watched())) {
                step.then(new Effect.VerifyOwner(report));
                step.then(new Effect.Schedule(Timer.PROOF_DEADLINE, step.command().timeouts().proofTimeout(),
                        new ProofDeadline(RunState.Attached.WATCH)));
                return state.reproving(report.pid());
            }
            scheduleLiveness(RunState.Attached.WATCH, step);
            return state.healthy(report.pid());
        }
        LivenessPolicy liveness = step.command().supervision().liveness();
        RunState.Attached failed = state.failedOnce();
        if (failed.failures() < liveness.failureThreshold()) {
            scheduleLiveness(RunState.Attached.WATCH, step);
            return failed;
        }
        return attachedUnhealthy(new LivenessFailed(failed.failures(), liveness.interval(), verdict), step);
    }

    private RunState attachedReproven(RunState.Attached state, OwnerVerified event, Step step) {
        if (!state.reproving()) {
            return state;
        }
        step.then(new Effect.Cancel(Timer.PROOF_DEADLINE));
        if (event.ownership() instanceof Ownership.Proven proven) {
            step.then(new Effect.WatchProcess(proven.listener()));
            scheduleLiveness(RunState.Attached.WATCH, step);
            return new RunState.Attached(state.answeredPid(), Optional.of(proven));
        }
        Ownership.Refused refused = event.ownership().refusal().orElseThrow();
        return attachedReplaced(refused.reason(), refused.holder(), step);
    }

    private RunState attachedNotReprovenInTime(RunState.Attached state, ProofDeadline event, Step step) {
        if (!state.reproving()) {
            return state;
        }
        return attachedReplaced("its proof could not be checked again within "
                + Durations.format(step.command().timeouts().proofTimeout()), Optional.empty(), step);
    }

    /** What answers is no longer proven to be the backend attached to: it is down, and something holds its port. */
    private static RunState attachedReplaced(String reason, Optional<PortHolder> holder, Step step) {
        return attachedUnhealthy(new PortInUse(step.command().endpoint(), "the backend attached to is not proven"
                + " ours any more: " + reason, holder, true), step);
    }

    /** An attached backend is unhealthy for {@code failure}: there is no process of ours to stop, it is down now. */
    private static RunState attachedUnhealthy(StartupFailure failure, Step step) {
        step.publish(new StatusEvent.Unhealthy(step.correlationId(), step.now(), failure.summary()));
        return attachedDown(failure, OptionalLong.empty(), step);
    }

    /** The proven process of an attached backend exited: down at once, like a launched backend that exits. */
    private RunState attachedExited(RunState.Attached state, WatchedProcessExited event, Step step) {
        if (state.proof().flatMap(Ownership.Proven::listener).map(process -> process.pid() != event.pid())
                .orElse(true)) {
            return state;
        }
        step.then(new Effect.Cancel(Timer.LIVENESS));
        step.then(new Effect.Cancel(Timer.PROOF_DEADLINE));
        return attachedDown(new BackendExited(OptionalInt.empty(), List.of()), OptionalLong.of(event.pid()), step);
    }

    private static RunState attachedDown(StartupFailure failure, OptionalLong pid, Step step) {
        step.then(new Effect.WatchProcess(Optional.empty()));
        step.enter(new StartupState.Disconnected(OptionalLong.empty()));
        StatusEvent.Disconnected disconnected = new StatusEvent.Disconnected(step.correlationId(), step.now(),
                pid, OptionalInt.empty(), List.of());
        step.publish(disconnected);
        return afterDown(failure, OptionalInt.empty(), disconnected, List.of(), step);
    }

    /** Called when a launched backend is connected: starts the stable-period timer and the liveness probes. */
    static RunState startWatching(Attempt attempt, HealthVerdict verdict, Step step) {
        RestartPolicy restart = step.command().supervision().restart();
        if (restart.mode() != RestartPolicy.Mode.NEVER) {
            step.then(new Effect.Schedule(Timer.STABLE_PERIOD, restart.stableAfter(),
                    new StablePeriodOver(attempt.launch())));
        }
        scheduleLiveness(attempt.launch(), step);
        return new RunState.Connected(Supervision.connected(attempt.number(), attempt.launch(), attempt.pid(),
                verdict));
    }

    private RunState livenessDue(RunState.Connected state, LivenessDue event, Step step) {
        Supervision watch = state.supervision();
        if (watch.livenessFailure().isEmpty() && watch.proving().isEmpty()) {
            step.then(new Effect.Probe(ProbePurpose.LIVENESS, watch.launch()));
        }
        return state;
    }

    private RunState livenessProbed(RunState.Connected state, LivenessProbed event, Step step) {
        Supervision watch = state.supervision();
        if (watch.livenessFailure().isPresent() || watch.proving().isPresent()) {
            return state;
        }
        HealthVerdict verdict = step.command().acceptance().evaluate(event.observation());
        if (verdict instanceof HealthVerdict.Healthy || verdict instanceof HealthVerdict.Degraded) {
            HealthReport report = verdict.readyReport().orElseThrow();
            // Its launched process may still run while another process took the port (a crashed child under
            // nodemon or a shell): a new pid, or healthy after a failed check, counts only once proven again.
            if (watch.failures() > 0 || !report.pid().equals(watch.answeredPid())) {
                step.then(new Effect.ProveLaunch(watch.launch(), watch.pid(), report));
                step.then(new Effect.Schedule(Timer.PROOF_DEADLINE, step.command().timeouts().proofTimeout(),
                        new ProofDeadline(watch.launch())));
                return new RunState.Connected(watch.provingAgain(verdict));
            }
            publishIfChanged(watch, verdict, step);
            scheduleLiveness(watch.launch(), step);
            return new RunState.Connected(watch.healthyAgain(verdict));
        }
        watch = watch.failedOnce();
        LivenessPolicy liveness = step.command().supervision().liveness();
        if (watch.failures() < liveness.failureThreshold()) {
            scheduleLiveness(watch.launch(), step);
            return new RunState.Connected(watch);
        }
        return stopGoingDown(watch, new LivenessFailed(watch.failures(), liveness.interval(), verdict), step);
    }

    private RunState launchProvenAgain(RunState.Connected state, LaunchProven event, Step step) {
        Supervision watch = state.supervision();
        if (watch.proving().isEmpty()) {
            return state;
        }
        step.then(new Effect.Cancel(Timer.PROOF_DEADLINE));
        if (event.ownership() instanceof Ownership.Proven) {
            HealthVerdict verdict = watch.proving().get();
            publishIfChanged(watch, verdict, step);
            scheduleLiveness(watch.launch(), step);
            return new RunState.Connected(watch.healthyAgain(verdict));
        }
        Ownership.Refused refused = event.ownership().refusal().orElseThrow();
        return stopGoingDown(watch, new PortInUse(step.command().endpoint(), "another process answers in place"
                + " of the backend Lifeline launched: " + refused.reason(), refused.holder()), step);
    }

    private RunState launchNotProvenAgainInTime(RunState.Connected state, ProofDeadline event, Step step) {
        Supervision watch = state.supervision();
        if (watch.proving().isEmpty()) {
            return state;
        }
        return stopGoingDown(watch, new OwnershipNotProven(step.command().endpoint(), "it was not proven again"
                + " within " + Durations.format(step.command().timeouts().proofTimeout())), step);
    }

    /** The connected backend is unhealthy for {@code failure} and stopped; its exit reports it down with this cause. */
    private static RunState stopGoingDown(Supervision watch, StartupFailure failure, Step step) {
        step.then(new Effect.Cancel(Timer.STABLE_PERIOD));
        step.publish(new StatusEvent.Unhealthy(step.correlationId(), step.now(), failure.summary()));
        step.then(new Effect.StopTree(watch.launch()));
        return new RunState.Connected(watch.goingDown(failure));
    }

    private RunState stable(RunState.Connected state, StablePeriodOver event, Step step) {
        if (state.supervision().livenessFailure().isEmpty()) {
            step.remember(run -> run.withRestarts(run.restarts().stable()));
        }
        return state;
    }

    /** A connected backend is gone: it exited, or was stopped for failing its liveness checks. */
    private RunState down(RunState.Connected state, ProcessExited event, Step step) {
        Supervision watch = state.supervision();
        step.then(new Effect.Cancel(Timer.LIVENESS));
        step.then(new Effect.Cancel(Timer.STABLE_PERIOD));
        step.then(new Effect.Cancel(Timer.PROOF_DEADLINE));
        OptionalInt exitCode = OptionalInt.of(event.exitCode());
        StartupFailure cause = watch.livenessFailure()
                .orElseGet(() -> new BackendExited(exitCode, event.lastOutput()));
        step.enter(new StartupState.Disconnected(OptionalLong.of(event.exitCode())));
        StatusEvent.Disconnected disconnected = new StatusEvent.Disconnected(step.correlationId(), step.now(),
                OptionalLong.of(watch.pid()), exitCode, event.lastOutput());
        step.publish(disconnected);

        return afterDown(cause, exitCode, disconnected, event.lastOutput(), step);
    }

    /** What the restart policy makes of a backend that went down: a restart after a wait, giving up, or the end. */
    private static RunState afterDown(StartupFailure cause, OptionalInt exitCode, StatusEvent.Disconnected disconnected,
                                      List<String> lastOutput, Step step) {
        RestartHistory.Decision decision = step.run().restarts().afterDown(cause, exitCode, step.now());
        step.remember(run -> run.withRestarts(decision.history()));
        if (decision instanceof RestartHistory.Restart restart) {
            step.enter(new StartupState.RestartBackoff(restart.number(), restart.delay()));
            step.publish(new StatusEvent.Retrying(step.correlationId(), step.now(), 1,
                    step.command().retry().maxAttempts(), restart.delay(), cause, restart.number()));
            step.then(new Effect.Schedule(Timer.RESTART, restart.delay(), new RestartDue()));
            return new RunState.RestartBackoff();
        }
        step.then(new Effect.SettleDisconnected(disconnected));
        if (decision instanceof RestartHistory.GiveUp giveUp) {
            return Outcomes.failNow(step, giveUp.failure(), 0, lastOutput);
        }
        step.then(new Effect.SettleFinished(disconnected));
        return new RunState.Down();
    }

    private RunState restart(RunState.RestartBackoff state, RestartDue event, Step step) {
        step.remember(run -> run.newCycle(step.now()));
        return Outcomes.launchAttempt(step, 1);
    }

    static void scheduleLiveness(int launch, Step step) {
        LivenessPolicy liveness = step.command().supervision().liveness();
        // A backend ready by its output alone has no health to ask: its process is watched.
        if (liveness.enabled() && step.command().backend().readiness().probes()) {
            step.then(new Effect.Schedule(Timer.LIVENESS, liveness.interval(), new LivenessDue(launch)));
        }
    }

    private static void publishIfChanged(Supervision watch, HealthVerdict verdict, Step step) {
        if (verdict instanceof HealthVerdict.Degraded degraded && !(watch.shown() instanceof HealthVerdict.Degraded)) {
            step.publish(new StatusEvent.Degraded(step.correlationId(), step.now(), degraded.services()));
        } else if (verdict instanceof HealthVerdict.Healthy && !(watch.shown() instanceof HealthVerdict.Healthy)) {
            step.publish(new StatusEvent.Connected(step.correlationId(), step.now(), step.command().endpoint(),
                    OptionalLong.of(watch.pid()), watch.attempt(), step.elapsed(), false));
        }
    }
}
