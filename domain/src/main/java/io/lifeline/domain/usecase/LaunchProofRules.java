package io.lifeline.domain.usecase;

import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.Ownership;
import io.lifeline.domain.model.OwnershipNotProven;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.usecase.Effect.Timer;
import io.lifeline.domain.usecase.RunEvent.AttemptDeadline;
import io.lifeline.domain.usecase.RunEvent.LaunchProven;
import io.lifeline.domain.usecase.RunEvent.ProcessExited;
import io.lifeline.domain.usecase.RunEvent.ProofDeadline;
import io.lifeline.domain.usecase.RunState.Attempt;
import io.lifeline.domain.usecase.RunState.AttemptEnd;

import java.util.Optional;

/**
 * Between the launched backend's first ready answer and {@code connected}: whether the answer came from it, and not
 * from a squatter that bound the port while it booted (ADR 0009). Proven, the attempt connects; refused, it ends as
 * port in use, naming what answered; not proven either way in time, it ends as {@link OwnershipNotProven}, retryable.
 */
final class LaunchProofRules {

    void addTo(TransitionTable table) {
        table.on(RunState.ProvingLaunch.class, LaunchProven.class, this::launchProven,
                        RunState.Connected.class, RunState.EndingAttempt.class)
                .on(RunState.ProvingLaunch.class, ProofDeadline.class, this::launchNotProvenInTime,
                        RunState.EndingAttempt.class)
                .on(RunState.ProvingLaunch.class, ProcessExited.class, (state, event, step) ->
                        StartupRules.endAttempt(state.attempt(), new AttemptEnd.Exited(event.exitCode()), step),
                        RunState.EndingAttempt.class)
                .on(RunState.ProvingLaunch.class, AttemptDeadline.class, (state, event, step) ->
                        notProven(state, "the startup timeout passed while it was being proven", step),
                        RunState.EndingAttempt.class);
    }

    /**
     * A ready answer after a launch is not yet the launched backend's: a squatter may have bound the port while it
     * booted. The answer counts once the listener is shown to be the launched process (or its child), or the backend
     * proves it knows the run's secret.
     */
    static RunState prove(Attempt attempt, HealthVerdict verdict, Step step) {
        step.then(new Effect.Cancel(Timer.NEXT_PROBE));
        step.then(new Effect.ProveLaunch(attempt.launch(), attempt.pid(), verdict.readyReport().orElseThrow()));
        step.then(new Effect.Schedule(Timer.PROOF_DEADLINE, step.command().timeouts().proofTimeout(),
                new ProofDeadline(attempt.launch())));
        return new RunState.ProvingLaunch(attempt, verdict);
    }

    private RunState launchProven(RunState.ProvingLaunch state, LaunchProven event, Step step) {
        Attempt attempt = state.attempt();
        if (event.ownership() instanceof Ownership.Proven proven) {
            step.then(new Effect.Cancel(Timer.PROOF_DEADLINE));
            return StartupRules.connect(attempt, state.verdict(), Optional.of(proven), step);
        }
        if (event.ownership() instanceof Ownership.Refused refused) {
            return StartupRules.endAttempt(attempt, new AttemptEnd.Failed(new PortInUse(step.command().endpoint(), "another"
                    + " process answers in place of the backend Lifeline launched: " + refused.reason(),
                    refused.holder())), step);
        }
        return notProven(state, ((Ownership.Unproven) event.ownership()).reason(), step);
    }

    private RunState launchNotProvenInTime(RunState.ProvingLaunch state, ProofDeadline event, Step step) {
        return notProven(state, "nothing proved it within " + Durations.format(step.command().timeouts()
                .proofTimeout()) + " (pid " + state.attempt().pid() + " was launched)", step);
    }

    /** The launch is neither proven nor refused: another attempt may prove it (a busy machine, a squatter gone). */
    private static RunState notProven(RunState.ProvingLaunch state, String reason, Step step) {
        return StartupRules.endAttempt(state.attempt(), new AttemptEnd.Failed(new OwnershipNotProven(step.command().endpoint(),
                reason)), step);
    }

}
