package io.lifeline.domain.usecase;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.BackendLauncher.LaunchResult;
import io.lifeline.domain.port.out.RetryDecider.RetryCycle;
import io.lifeline.domain.port.out.RunningBackend;
import io.lifeline.domain.port.out.Scheduler.Cancellable;
import io.lifeline.domain.usecase.Effect.Timer;
import io.lifeline.domain.usecase.StartBackendService.StartupPorts;
import io.lifeline.domain.usecase.Step.Transition;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The serial driver of one run. It owns the {@link Run}, takes events one at a time from its {@link SerialExecutor},
 * applies {@link RunMachine#next} and carries the effects out through the ports. Adapter callbacks only enqueue
 * events; nothing here blocks (the port-holder lookup runs on the blocking executor and comes back as an event).
 * Fields below {@code run} are touched by the driver only.
 */
final class RunDriver implements BackendSession {

    private final StartBackendCommand command;
    private final CorrelationId correlationId;
    private final StartupPorts ports;
    private final RunMachine machine;
    private final Executor events;
    private final StartupStateMachine publicState;

    private final CompletableFuture<StatusEvent> started = new CompletableFuture<>();
    private final CompletableFuture<StatusEvent.Disconnected> disconnected = new CompletableFuture<>();
    private final CompletableFuture<StatusEvent> finished = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private Run run;
    private final Map<Timer, Cancellable> timers = new EnumMap<>(Timer.class);
    private CurrentBackend current;
    private RetryCycle retryCycle;
    private int retryCycleNumber;
    private boolean crashed;

    RunDriver(StartBackendCommand command, CorrelationId correlationId, StartupPorts ports) {
        this.command = command;
        this.correlationId = correlationId;
        this.ports = ports;
        this.machine = new RunMachine(command, correlationId);
        this.events = new SerialExecutor(ports.executors().events());
        this.publicState = new StartupStateMachine(correlationId, ports.stateListener());
        this.run = machine.initial(ports.clock().instant());
    }

    void begin() {
        submit(new RunEvent.StartRequested());
    }

    // ---- BackendSession ----

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
        return started;
    }

    @Override
    public CompletionStage<StatusEvent.Disconnected> disconnected() {
        return disconnected;
    }

    @Override
    public CompletionStage<StatusEvent> finished() {
        return finished;
    }

    @Override
    public CompletionStage<Void> stop() {
        submit(new RunEvent.StopRequested());
        return stopped;
    }

    @Override
    public CompletionStage<Void> kill() {
        // One task: the kill must reach the tree the stop is stopping before that stop can finish.
        events.execute(() -> {
            handle(new RunEvent.StopRequested());
            handle(new RunEvent.KillRequested());
        });
        return stopped;
    }

    // ---- the loop ----

    private void submit(RunEvent event) {
        events.execute(() -> handle(event));
    }

    private void handle(RunEvent event) {
        if (crashed) {
            return;
        }
        try {
            Instant now = ports.clock().instant();
            Transition transition = machine.next(run, event, now);
            run = transition.next();
            EffectExecutor executor = new EffectExecutor(now);
            for (Effect effect : transition.effects()) {
                effect.applyTo(executor);
            }
        } catch (RuntimeException bug) {
            crash(bug);
        }
    }

    /**
     * A rule or a port broke its contract: a bug, since every expected outcome is a value. Nothing may wait forever
     * on this run, so every open future fails with the cause, and what this run started is stopped.
     */
    private void crash(Throwable bug) {
        if (crashed) {
            return;
        }
        crashed = true;
        timers.values().forEach(Cancellable::cancel);
        timers.clear();
        started.completeExceptionally(bug);
        disconnected.completeExceptionally(bug);
        finished.completeExceptionally(bug);
        if (current == null) {
            stopped.completeExceptionally(bug);
        } else {
            current.backend.stop(command.stopGrace()).whenComplete((done, error) -> stopped.completeExceptionally(bug));
        }
    }

    private void onLaunched(int launch, RunningBackend backend) {
        if (crashed) {
            backend.stop(command.stopGrace());
            return;
        }
        CurrentBackend launched = new CurrentBackend(launch, backend);
        current = launched;
        backend.exitCode().whenComplete((code, error) -> {
            if (error != null) {
                events.execute(() -> crash(error));
            } else {
                submit(new RunEvent.ProcessExited(launch, code, backend.lastOutput()));
            }
        });
        backend.onOutput(line -> {
            if (launched.watchOutput) {
                submit(new RunEvent.OutputLine(launch, line));
            }
        });
        handle(new RunEvent.Launched(launch, backend.pid(), backend.interpreter()));
    }

    private Optional<RunningBackend> backendOf(int launch) {
        return current != null && current.launch == launch ? Optional.of(current.backend) : Optional.empty();
    }

    /** The backend of the latest launch; {@code watchOutput} is read on its output thread. */
    private static final class CurrentBackend {
        final int launch;
        final RunningBackend backend;
        volatile boolean watchOutput;

        CurrentBackend(int launch, RunningBackend backend) {
            this.launch = launch;
            this.backend = backend;
        }
    }

    /** Carries out the effects of one transition, all stamped with the time of its event. */
    private final class EffectExecutor implements Effect.Effects {

        private final Instant now;

        EffectExecutor(Instant now) {
            this.now = now;
        }

        @Override
        public void enterState(Effect.EnterState effect) {
            publicState.moveTo(effect.state(), now);
        }

        @Override
        public void publish(Effect.Publish effect) {
            ports.publisher().publish(effect.event());
        }

        @Override
        public void launch(Effect.Launch effect) {
            int launch = effect.launch();
            CompletionStage<LaunchResult> launching;
            try {
                launching = ports.launcher().launch(effect.request());
            } catch (RuntimeException broken) {
                launching = CompletableFuture.failedFuture(broken);
            }
            launching.whenComplete((result, error) -> {
                if (error != null) {
                    submit(new RunEvent.NotLaunched(launch, new StartupFailure.LaunchFailed(
                            command.backend().scriptPath().toString(), String.valueOf(error))));
                } else {
                    result.<Void>fold(backend -> {
                        events.execute(() -> onLaunched(launch, backend));
                        return null;
                    }, failure -> {
                        submit(new RunEvent.NotLaunched(launch, failure));
                        return null;
                    });
                }
            });
        }

        @Override
        public void probe(Effect.Probe effect) {
            CompletionStage<HealthObservation> probe;
            try {
                probe = ports.probe().probe(command.endpoint(), correlationId, command.timeouts().probeTimeout());
            } catch (RuntimeException broken) {
                probe = CompletableFuture.failedFuture(broken);
            }
            // The probe port promises never to fail; if an adapter breaks that promise, it still is an observation.
            probe.exceptionally(error -> ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR, String.valueOf(error)))
                    .thenAccept(observation -> submit(switch (effect.purpose()) {
                        case EXISTING -> new RunEvent.ExistingProbed(observation);
                        case STARTUP -> new RunEvent.StartupProbed(effect.launch(), observation);
                        case LIVENESS -> new RunEvent.LivenessProbed(effect.launch(), observation);
                    }));
        }

        @Override
        public void watchOutput(Effect.WatchOutput effect) {
            if (current != null && current.launch == effect.launch()) {
                current.watchOutput = effect.watch();
            }
        }

        @Override
        public void schedule(Effect.Schedule effect) {
            cancel(new Effect.Cancel(effect.timer()));
            timers.put(effect.timer(), ports.scheduler().schedule(effect.delay(), () -> submit(effect.event())));
        }

        @Override
        public void deliver(Effect.Deliver effect) {
            submit(effect.event());
        }

        @Override
        public void cancel(Effect.Cancel effect) {
            Cancellable timer = timers.remove(effect.timer());
            if (timer != null) {
                timer.cancel();
            }
        }

        @Override
        public void stopTree(Effect.StopTree effect) {
            backendOf(effect.launch()).ifPresent(backend -> backend.stop(command.stopGrace())
                    .whenComplete((done, error) -> submit(new RunEvent.TreeStopped(effect.launch(),
                            backend.lastOutput()))));
        }

        @Override
        public void killTree(Effect.KillTree effect) {
            backendOf(effect.launch()).ifPresent(backend -> backend.kill()
                    .whenComplete((done, error) -> submit(new RunEvent.TreeStopped(effect.launch(),
                            backend.lastOutput()))));
        }

        @Override
        public void decideRetry(Effect.DecideRetry effect) {
            if (retryCycle == null || retryCycleNumber != effect.cycle()) {
                retryCycle = ports.retryDecider().begin(command.retry());
                retryCycleNumber = effect.cycle();
            }
            submit(new RunEvent.RetryDecided(effect.failedAttempt(), retryCycle.afterFailure(effect.failure())));
        }

        @Override
        public void lookUpPortHolder(Effect.LookUpPortHolder effect) {
            ports.executors().blocking().execute(() -> {
                Optional<PortHolder> holder;
                try {
                    holder = ports.portOwners().holderOf(command.endpoint());
                } catch (RuntimeException broken) {
                    holder = Optional.empty();
                }
                submit(new RunEvent.PortHolderFound(holder));
            });
        }

        @Override
        public void settleStarted(Effect.SettleStarted effect) {
            started.complete(effect.event());
        }

        @Override
        public void settleDisconnected(Effect.SettleDisconnected effect) {
            disconnected.complete(effect.event());
        }

        @Override
        public void settleFinished(Effect.SettleFinished effect) {
            finished.complete(effect.event());
        }

        @Override
        public void settleStopped(Effect.SettleStopped effect) {
            stopped.complete(null);
        }
    }
}
