package io.lifeline.domain.usecase;

import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.usecase.Effect.Timer;
import io.lifeline.domain.usecase.RunEvent.KillRequested;
import io.lifeline.domain.usecase.RunEvent.Launched;
import io.lifeline.domain.usecase.RunEvent.NotLaunched;
import io.lifeline.domain.usecase.RunEvent.PortHolderFound;
import io.lifeline.domain.usecase.RunEvent.StopRequested;
import io.lifeline.domain.usecase.RunEvent.TreeStopped;

import java.util.Optional;

/**
 * Stop and kill from every state. What this run started is stopped (its whole tree) before {@code stopped} is
 * published; a backend it only attached to is left running; where nothing runs, the run stops at once. A kill is
 * delivered as a stop followed by {@link KillRequested}, which kills the tree being stopped without waiting out its
 * grace period.
 */
final class StopRules {

    static final String NOTHING_LAUNCHED = "stopped before a backend was launched";
    static final String BACKEND_STOPPED = "backend stopped";

    void addTo(TransitionTable table) {
        table.on(RunState.Idle.class, StopRequested.class, (state, event, step) ->
                        Outcomes.stopped(step, NOTHING_LAUNCHED), RunState.Stopped.class)
                .on(RunState.CheckingExisting.class, StopRequested.class, (state, event, step) ->
                        Outcomes.stopped(step, NOTHING_LAUNCHED), RunState.Stopped.class)
                .on(RunState.VerifyingOwner.class, StopRequested.class, (state, event, step) -> {
                    step.then(new Effect.Cancel(Timer.PROOF_DEADLINE));
                    return Outcomes.stopped(step, NOTHING_LAUNCHED);
                }, RunState.Stopped.class)
                .on(RunState.Launching.class, StopRequested.class, (state, event, step) ->
                        stopping(step, state.launch(), true), RunState.Stopping.class)
                .on(RunState.WaitingForHealth.class, StopRequested.class, (state, event, step) ->
                        stopAttempt(state.attempt(), step), RunState.Stopping.class)
                .on(RunState.ProvingLaunch.class, StopRequested.class, (state, event, step) ->
                        stopAttempt(state.attempt(), step), RunState.Stopping.class)
                .on(RunState.EndingAttempt.class, StopRequested.class, (state, event, step) ->
                        stopping(step, state.attempt().launch(), false), RunState.Stopping.class)
                .on(RunState.DecidingRetry.class, StopRequested.class, (state, event, step) -> {
                    step.enter(new StartupState.Stopping());
                    return Outcomes.stopped(step, BACKEND_STOPPED);
                }, RunState.Stopped.class)
                .on(RunState.RetryBackoff.class, StopRequested.class, (state, event, step) -> {
                    step.then(new Effect.Cancel(Timer.BACKOFF));
                    return Outcomes.stopped(step, NOTHING_LAUNCHED);
                }, RunState.Stopped.class)
                .on(RunState.Connected.class, StopRequested.class, (state, event, step) ->
                        stopConnected(state, step), RunState.Stopping.class)
                .on(RunState.Attached.class, StopRequested.class, (state, event, step) -> {
                    step.then(new Effect.Cancel(Effect.Timer.LIVENESS));
                    step.then(new Effect.Cancel(Timer.PROOF_DEADLINE));
                    step.then(new Effect.WatchProcess(Optional.empty()));
                    return Outcomes.stopped(step, "left running: the backend was already running and not started by"
                            + " this run");
                }, RunState.Stopped.class)
                .on(RunState.Down.class, StopRequested.class, (state, event, step) ->
                        Outcomes.stopped(step, "backend had already exited"), RunState.Stopped.class)
                .on(RunState.RestartBackoff.class, StopRequested.class, (state, event, step) -> {
                    step.then(new Effect.Cancel(Timer.RESTART));
                    return Outcomes.stopped(step, "stopped while waiting to restart the backend");
                }, RunState.Stopped.class)
                .on(RunState.LookingUpPortHolder.class, StopRequested.class, (state, event, step) ->
                        new RunState.LookingUpPortHolder(state.cause(), state.attempts(), state.lastOutput(), true))
                .on(RunState.LookingUpPortHolder.class, PortHolderFound.class, StopRules::portHolderFound,
                        RunState.Failed.class)
                .on(RunState.Stopping.class, Launched.class, StopRules::launchedWhileStopping)
                .on(RunState.Stopping.class, NotLaunched.class, (state, event, step) ->
                        Outcomes.stopped(step, BACKEND_STOPPED),
                        RunState.Stopped.class)
                .on(RunState.Stopping.class, TreeStopped.class, (state, event, step) ->
                        !state.launchPending()
                                ? Outcomes.stopped(step, BACKEND_STOPPED) : state, RunState.Stopped.class)
                .on(RunState.Stopping.class, KillRequested.class, (state, event, step) -> state.launchPending()
                        ? new RunState.Stopping(state.launch(), true, true) : kill(state, step))
                .on(RunState.Failed.class, StopRequested.class, (state, event, step) -> alreadyOver(state, step))
                .on(RunState.Stopped.class, StopRequested.class, (state, event, step) -> alreadyOver(state, step));
    }

    private static RunState.Stopping stopping(Step step, int launch, boolean launchPending) {
        step.enter(new StartupState.Stopping());
        return new RunState.Stopping(launch, launchPending);
    }

    private static RunState.Stopping stopAttempt(RunState.Attempt attempt, Step step) {
        int launch = attempt.launch();
        step.then(new Effect.Cancel(Timer.ATTEMPT_DEADLINE));
        step.then(new Effect.Cancel(Timer.NEXT_PROBE));
        step.then(new Effect.Cancel(Timer.PROOF_DEADLINE));
        step.then(new Effect.WatchOutput(launch, false));
        step.enter(new StartupState.Stopping());
        step.then(new Effect.StopTree(launch));
        return new RunState.Stopping(launch, false);
    }

    private static RunState.Stopping stopConnected(RunState.Connected state, Step step) {
        int launch = state.supervision().launch();
        step.then(new Effect.Cancel(Timer.LIVENESS));
        step.then(new Effect.Cancel(Timer.STABLE_PERIOD));
        step.then(new Effect.Cancel(Timer.PROOF_DEADLINE));
        step.enter(new StartupState.Stopping());
        step.then(new Effect.StopTree(launch));
        return new RunState.Stopping(launch, false);
    }

    private static RunState kill(RunState.Stopping stopping, Step step) {
        step.then(new Effect.KillTree(stopping.launch()));
        return stopping;
    }

    private static RunState launchedWhileStopping(RunState.Stopping state, Launched event, Step step) {
        if (!state.launchPending()) {
            return state;
        }
        step.then(state.killAsked() ? new Effect.KillTree(event.launch()) : new Effect.StopTree(event.launch()));
        return new RunState.Stopping(event.launch(), false);
    }

    private static RunState portHolderFound(RunState.LookingUpPortHolder state, PortHolderFound event, Step step) {
        RunState failed = Outcomes.failNow(step, state.cause().withHolder(event.holder()), state.attempts(),
                state.lastOutput());
        if (state.stopAsked()) {
            step.then(new Effect.SettleStopped());
        }
        return failed;
    }

    /** The run is over already; a stop only has to say so. */
    private static RunState alreadyOver(RunState state, Step step) {
        step.then(new Effect.SettleStopped());
        return state;
    }
}
