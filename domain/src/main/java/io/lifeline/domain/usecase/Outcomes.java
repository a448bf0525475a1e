package io.lifeline.domain.usecase;

import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.BackendLauncher.LaunchRequest;

import java.util.List;

/** How a run ends or moves on, shared by the rules: launch an attempt, fail, stop, report connected. */
final class Outcomes {

    private Outcomes() {
    }

    static RunState launchAttempt(Step step, int attempt) {
        StartBackendCommand command = step.command();
        int launch = step.run().nextLaunch();
        step.remember(Run::launchTaken);
        step.enter(new StartupState.Launching(attempt));
        step.then(new Effect.Launch(launch, new LaunchRequest(command.backend(), command.endpoint(),
                step.correlationId(), command.launchMode())));
        return new RunState.Launching(attempt, launch);
    }

    /** An attempt failed for {@code failure}: ask the retry port if it is retryable, otherwise fail the run. */
    static RunState attemptFailed(Step step, int attempt, StartupFailure failure, List<String> lastOutput) {
        if (!failure.retryable()) {
            return fail(step, failure, attempt, lastOutput);
        }
        step.then(new Effect.DecideRetry(step.run().cycle(), attempt, failure));
        return new RunState.DecidingRetry(attempt, failure, lastOutput);
    }

    /** The run fails; a port-in-use report first finds out who holds the port. */
    static RunState fail(Step step, StartupFailure cause, int attempts, List<String> lastOutput) {
        if (cause instanceof PortInUse portInUse && portInUse.holder().isEmpty()) {
            step.then(new Effect.LookUpPortHolder());
            return new RunState.LookingUpPortHolder(portInUse, attempts, lastOutput, false);
        }
        return failNow(step, cause, attempts, lastOutput);
    }

    static RunState failNow(Step step, StartupFailure cause, int attempts, List<String> lastOutput) {
        step.enter(new StartupState.Failed(cause));
        StatusEvent.Failed event = new StatusEvent.Failed(step.correlationId(), step.now(), cause, attempts,
                lastOutput);
        step.publish(event);
        step.then(new Effect.SettleStarted(event));
        step.then(new Effect.SettleFinished(event));
        return new RunState.Failed();
    }

    /** A one-shot job exited with 0 and its tree is gone: publishes {@code completed}, and the run is over. */
    static RunState completed(Step step, RunState.Attempt attempt) {
        step.enter(new StartupState.Stopped());
        StatusEvent.Completed event = new StatusEvent.Completed(step.correlationId(), step.now(), attempt.pid(),
                attempt.number(), step.elapsed(), step.command().name());
        step.publish(event);
        step.then(new Effect.SettleStarted(event));
        step.then(new Effect.SettleFinished(event));
        step.then(new Effect.SettleStopped());
        return new RunState.Stopped();
    }

    /** Publishes {@code stopped} and completes every session future with it. */
    static RunState stopped(Step step, String detail) {
        step.enter(new StartupState.Stopped());
        StatusEvent.Stopped event = new StatusEvent.Stopped(step.correlationId(), step.now(), detail);
        step.publish(event);
        step.then(new Effect.SettleStarted(event));
        step.then(new Effect.SettleFinished(event));
        step.then(new Effect.SettleStopped());
        return new RunState.Stopped();
    }

    /** {@code connected}, then {@code degraded} if the backend is, then the start is decided. */
    static void publishConnected(Step step, StatusEvent.Connected event, HealthVerdict verdict) {
        step.publish(event);
        if (verdict instanceof HealthVerdict.Degraded degraded) {
            step.publish(new StatusEvent.Degraded(step.correlationId(), step.now(), degraded.services()));
        }
        step.then(new Effect.SettleStarted(event));
    }
}
