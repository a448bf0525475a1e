package io.lifeline.domain.usecase;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.LaunchFailed;
import io.lifeline.domain.model.Ownership;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.ProcessFacts;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.HeadStart;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.BackendLauncher.LaunchResult;
import io.lifeline.domain.port.out.RetryDecider.RetryCycle;
import io.lifeline.domain.port.out.RunningBackend;
import io.lifeline.domain.port.out.Scheduler.Cancellable;
import io.lifeline.domain.usecase.Effect.Timer;
import io.lifeline.domain.usecase.StartBackendService.StartupPorts;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Carries a run's effects out through the ports, on the driver's thread, and turns every answer into an event for
 * the driver's queue. Holds what only the outside world has: the running backend, the timers, the retry count.
 */
final class EffectCarrier implements Effect.Effects {

    private final StartBackendCommand command;
    private final CorrelationId correlationId;
    private final StartupPorts ports;
    private final Executor events;
    private final Consumer<RunEvent> submit;
    private final PublicState publicState;
    private final SessionFutures session;

    /** How often the process of an attached backend is checked: its exit is seen within this. */
    static final Duration PROCESS_CHECK_INTERVAL = Duration.ofMillis(250);

    private final Map<Timer, Cancellable> timers = new EnumMap<>(Timer.class);
    /** The check of the watched process's exit, and which process it is; driver's thread only. */
    private Cancellable processCheck;
    private int watchGeneration;
    private CurrentBackend current;
    private RetryCycle retryCycle;
    private int retryCycleNumber;
    private Instant now;

    /** The first launch, begun before the run; taken by the first {@code Launch} effect. */
    private HeadStart headStart;

    EffectCarrier(StartBackendCommand command, CorrelationId correlationId, StartupPorts ports, Executor events,
                  Consumer<RunEvent> submit, PublicState publicState, SessionFutures session,
                  Optional<HeadStart> headStart) {
        this.headStart = headStart.orElse(null);
        this.command = command;
        this.correlationId = correlationId;
        this.ports = ports;
        this.events = events;
        this.submit = submit;
        this.publicState = publicState;
        this.session = session;
    }

    /** The effects of one transition, in order, all stamped with the time of its event. */
    void carryOut(List<Effect> effects, Instant at) {
        now = at;
        for (Effect effect : effects) {
            effect.applyTo(this);
        }
    }

    /** After a bug: no timer fires any more; what runs is stopped. Completes when the tree is gone. */
    CompletionStage<Void> abandon() {
        timers.values().forEach(Cancellable::cancel);
        timers.clear();
        watchProcess(new Effect.WatchProcess(Optional.empty()));
        CompletionStage<Void> ahead = headStart == null ? CompletableFuture.completedFuture(null)
                : headStart.abandon().exceptionally(notLaunched -> null);
        headStart = null;
        CompletionStage<Void> launched = current == null ? CompletableFuture.completedFuture(null)
                : current.backend.stop(command.stopGrace());
        return ahead.thenCombine(launched, (one, other) -> (Void) null);
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
        HeadStart ahead = headStart;
        headStart = null;
        CompletionStage<LaunchResult> launching;
        if (ahead != null && ahead.request().equals(effect.request())) {
            launching = ahead.firstLaunch();
        } else if (ahead != null) {
            // Not this run's backend: it is gone before the run's own launch, which would race it for the port.
            launching = ahead.abandon().handle((gone, notLaunched) -> (Void) null)
                    .thenCompose(gone -> ports.launcher().launch(effect.request()));
        } else {
            try {
                launching = ports.launcher().launch(effect.request());
            } catch (RuntimeException broken) {
                launching = CompletableFuture.failedFuture(broken);
            }
        }
        launching.whenComplete((result, error) -> {
            if (error != null) {
                submit.accept(new RunEvent.NotLaunched(launch, new LaunchFailed(
                        command.backend().describe(), String.valueOf(error))));
            } else {
                result.handle(backend -> events.execute(() -> launched(launch, backend)),
                        failure -> submit.accept(new RunEvent.NotLaunched(launch, failure)));
            }
        });
    }

    /**
     * On the driver's thread. {@code Launched} is queued before the exit is watched, so a backend that is already gone
     * when its launch is reported is seen launched first, then exited.
     */
    private void launched(int launch, RunningBackend backend) {
        if (session.crashed()) {
            backend.stop(command.stopGrace());
            return;
        }
        CurrentBackend started = new CurrentBackend(launch, backend);
        current = started;
        try {
            submit.accept(new RunEvent.Launched(launch, backend.pid(), backend.interpreter()));
            backend.exitCode().whenComplete((code, error) -> {
                if (error != null) {
                    events.execute(() -> session.crash(error, this));
                } else {
                    submit.accept(new RunEvent.ProcessExited(launch, code, backend.lastOutput()));
                }
            });
            backend.onOutput(line -> {
                if (started.watchOutput) {
                    submit.accept(new RunEvent.OutputLine(launch, line));
                }
            });
        } catch (Throwable bug) {
            // Without its exit watch the run could not tell the backend died: that is a crash, not a launch.
            session.crash(bug, this);
        }
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
                .thenAccept(observation -> submit.accept(switch (effect.purpose()) {
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
        timers.put(effect.timer(), ports.scheduler().schedule(effect.delay(), () -> submit.accept(effect.event())));
    }

    @Override
    public void deliver(Effect.Deliver effect) {
        submit.accept(effect.event());
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
                .whenComplete((done, error) -> submit.accept(new RunEvent.TreeStopped(effect.launch(),
                        backend.lastOutput()))));
    }

    @Override
    public void killTree(Effect.KillTree effect) {
        backendOf(effect.launch()).ifPresent(backend -> backend.kill()
                .whenComplete((done, error) -> submit.accept(new RunEvent.TreeStopped(effect.launch(),
                        backend.lastOutput()))));
    }

    @Override
    public void decideRetry(Effect.DecideRetry effect) {
        if (retryCycle == null || retryCycleNumber != effect.cycle()) {
            retryCycle = ports.retryDecider().begin(command.retry());
            retryCycleNumber = effect.cycle();
        }
        submit.accept(new RunEvent.RetryDecided(effect.failedAttempt(), retryCycle.afterFailure(effect.failure())));
    }

    @Override
    public void lookUpPortHolder(Effect.LookUpPortHolder effect) {
        ports.executors().blocking().execute(() -> {
            Optional<PortHolder> holder;
            try {
                holder = ports.portOwners().holderOf(command.endpoint());
            } catch (Throwable broken) {
                // The report loses the holder's name, never the failure.
                holder = Optional.empty();
            }
            submit.accept(new RunEvent.PortHolderFound(holder));
        });
    }

    @Override
    public void verifyOwner(Effect.VerifyOwner effect) {
        checkOwnership(() -> ports.ownership().verify(command, effect.report()),
                error -> new Ownership.Refused("its ownership could not be checked: " + error, Optional.empty(),
                        false), RunEvent.OwnerVerified::new);
    }

    @Override
    public void proveLaunch(Effect.ProveLaunch effect) {
        checkOwnership(() -> ports.ownership().proveLaunched(command, effect.pid(), effect.report()),
                error -> new Ownership.Unproven("whether it is the launched backend could not be checked: " + error),
                ownership -> new RunEvent.LaunchProven(effect.launch(), ownership));
    }

    /** Runs a check of ownership off the driver's thread (it reads the OS); a check that breaks is still an answer. */
    private void checkOwnership(Supplier<CompletionStage<Ownership>> check,
                                Function<Throwable, Ownership> broken,
                                Function<Ownership, RunEvent> answer) {
        ports.executors().blocking().execute(() -> {
            CompletionStage<Ownership> checked;
            try {
                checked = check.get();
            } catch (Throwable bug) {
                checked = CompletableFuture.failedFuture(bug);
            }
            checked.whenComplete((ownership, error) -> submit.accept(answer.apply(error == null ? ownership
                    : broken.apply(error))));
        });
    }

    @Override
    public void watchProcess(Effect.WatchProcess effect) {
        if (processCheck != null) {
            processCheck.cancel();
            processCheck = null;
        }
        watchGeneration++;
        effect.process().ifPresent(process -> checkLater(process, watchGeneration));
    }

    /** One check after the interval, off the driver's thread; the next is scheduled while it is still watched. */
    private void checkLater(ProcessFacts process, int generation) {
        processCheck = ports.scheduler().schedule(PROCESS_CHECK_INTERVAL, () -> ports.executors().blocking()
                .execute(() -> {
                    boolean runs;
                    try {
                        runs = ports.ownership().stillRuns(process);
                    } catch (RuntimeException unknown) {
                        // Not knowing is no exit: the liveness probes still watch it.
                        runs = true;
                    }
                    if (!runs) {
                        submit.accept(new RunEvent.WatchedProcessExited(process.pid()));
                    } else {
                        events.execute(() -> {
                            if (watchGeneration == generation) {
                                checkLater(process, generation);
                            }
                        });
                    }
                }));
    }

    @Override
    public void settleStarted(Effect.SettleStarted effect) {
        session.started().complete(effect.event());
    }

    @Override
    public void settleDisconnected(Effect.SettleDisconnected effect) {
        session.disconnected().complete(effect.event());
    }

    @Override
    public void settleFinished(Effect.SettleFinished effect) {
        session.finished().complete(effect.event());
    }

    @Override
    public void settleStopped(Effect.SettleStopped effect) {
        session.stopped().complete(null);
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
}
