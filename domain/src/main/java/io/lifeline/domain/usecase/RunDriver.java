package io.lifeline.domain.usecase;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.port.in.HeadStart;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.usecase.StartBackendService.StartupPorts;
import io.lifeline.domain.usecase.Step.Transition;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The serial driver of one run. It owns the {@link Run}, takes events one at a time from its {@link SerialExecutor},
 * applies {@link RunMachine#next} and has the {@link EffectCarrier} carry the effects out through the ports. Adapter
 * callbacks only enqueue events; nothing here blocks or locks.
 */
final class RunDriver implements BackendSession {

    private final CorrelationId correlationId;
    private final StartupPorts ports;
    private final RunMachine machine;
    private final SerialExecutor events;
    private final PublicState publicState;
    private final SessionFutures session = new SessionFutures();
    private final EffectCarrier effects;
    /** Touched by the driver only: one event at a time. */
    private Run run;

    private final boolean launchedAhead;

    RunDriver(StartBackendCommand command, CorrelationId correlationId, StartupPorts ports,
              Optional<HeadStart> headStart) {
        this.correlationId = correlationId;
        this.ports = ports;
        this.machine = new RunMachine(command, correlationId, ports.profile());
        this.events = new SerialExecutor(ports.executors().events());
        this.publicState = new PublicState(correlationId, ports.stateListener());
        this.effects = new EffectCarrier(command, correlationId, ports, events, this::submit, publicState, session,
                headStart);
        this.launchedAhead = headStart.isPresent();
        this.run = machine.initial(ports.clock().instant());
    }

    void begin() {
        submit(new RunEvent.StartRequested(launchedAhead));
    }

    @Override
    public CorrelationId correlationId() {
        return correlationId;
    }

    @Override
    public StartupState state() {
        return publicState.current();
    }

    @Override
    public CompletionStage<StatusEvent> started() {
        return session.started();
    }

    @Override
    public CompletionStage<StatusEvent.Disconnected> disconnected() {
        return session.disconnected();
    }

    @Override
    public CompletionStage<StatusEvent> finished() {
        return session.finished();
    }

    @Override
    public CompletionStage<Void> stop() {
        submit(new RunEvent.StopRequested());
        return stoppedOrClosed();
    }

    @Override
    public CompletionStage<Void> kill() {
        // One task: the kill must reach the tree the stop is stopping before that stop can finish.
        events.execute(() -> {
            handle(new RunEvent.StopRequested());
            handle(new RunEvent.KillRequested());
        });
        return stoppedOrClosed();
    }

    /** A run whose executor was shut down (the front end closed it) can no longer stop anything: say so. */
    private CompletionStage<Void> stoppedOrClosed() {
        if (events.closed() && !session.stopped().isDone()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "this run is closed: its event thread was shut down before the stop"));
        }
        return session.stopped();
    }

    private void submit(RunEvent event) {
        events.execute(() -> handle(event));
    }

    private void handle(RunEvent event) {
        if (session.crashed()) {
            return;
        }
        try {
            Instant now = ports.clock().instant();
            Transition transition = machine.next(run, event, now);
            run = transition.next();
            effects.carryOut(transition.effects(), now);
        } catch (Throwable bug) {
            // A bug in a rule, a port or a listener (an Error too): fail the session, stop what runs.
            session.crash(bug, effects);
        }
    }
}
