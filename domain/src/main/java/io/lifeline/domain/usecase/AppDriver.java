package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.AppOutcome;
import io.lifeline.domain.port.in.AppPlan;
import io.lifeline.domain.port.in.AppSession;
import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.port.in.HeadStart;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.Scheduler;
import io.lifeline.domain.port.out.StatusPublisher;
import io.lifeline.domain.usecase.AppMachine.AppTransition;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serial driver of one app run: takes its events one at a time, applies {@link AppMachine#next} and carries the
 * effects out, starting and stopping each backend's own run. Every backend's events pass through here on their way to
 * the front end, so the app learns of launches, readiness and restarts in the order the front end sees them.
 */
final class AppDriver implements AppSession {

    /** Starts one backend's run, with its head start if one was begun for it; its events go to {@code publisher}. */
    @FunctionalInterface
    interface BackendRuns {
        BackendSession start(StartBackendCommand command, Optional<HeadStart> headStart, StatusPublisher publisher);
    }

    private final AppPlan plan;
    private final CorrelationId correlationId;
    private final AppMachine machine;
    private final SerialExecutor events;
    private final StatusPublisher publisher;
    private final Scheduler scheduler;
    private final Clock clock;
    private final BackendRuns runs;
    private final Map<BackendName, HeadStart> headStarts;
    private final LaunchBookkeeping records;
    private final java.util.List<Scheduler.Cancellable> deadlines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<BackendName, BackendSession> sessions = new ConcurrentHashMap<>();
    private final CompletableFuture<AppOutcome> started = new CompletableFuture<>();
    private final CompletableFuture<AppOutcome> finished = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    /** Touched by the driver only: one event at a time. */
    private AppRun run;

    AppDriver(AppPlan plan, CorrelationId correlationId, RunExecutors executors, StatusPublisher publisher,
              Scheduler scheduler, Clock clock, BackendRuns runs,
              Map<BackendName, HeadStart> headStarts, LaunchBookkeeping records) {
        this.plan = plan;
        this.correlationId = correlationId;
        this.machine = new AppMachine(plan, correlationId);
        this.events = new SerialExecutor(executors.events());
        this.publisher = publisher;
        this.scheduler = scheduler;
        this.clock = clock;
        this.runs = runs;
        this.headStarts = new ConcurrentHashMap<>(headStarts);
        this.records = records;
        this.run = machine.initial();
    }

    void begin() {
        submit(new AppEvent.Begin());
    }

    @Override
    public CorrelationId correlationId() {
        return correlationId;
    }

    @Override
    public Map<BackendName, StartupState> states() {
        Map<BackendName, StartupState> states = new LinkedHashMap<>();
        for (BackendName name : plan.names()) {
            BackendSession session = sessions.get(name);
            states.put(name, session == null ? new StartupState.Idle() : session.state());
        }
        return states;
    }

    @Override
    public CompletionStage<AppOutcome> started() {
        return started;
    }

    @Override
    public CompletionStage<AppOutcome> finished() {
        return finished;
    }

    @Override
    public CompletionStage<Void> stop() {
        submit(new AppEvent.StopRequested());
        return stoppedOrClosed();
    }

    @Override
    public CompletionStage<Void> kill() {
        events.execute(() -> {
            handle(new AppEvent.StopRequested());
            handle(new AppEvent.KillRequested());
        });
        return stoppedOrClosed();
    }

    private CompletionStage<Void> stoppedOrClosed() {
        if (events.closed() && !stopped.isDone()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "this app run is closed: its event thread was shut down before the stop"));
        }
        return stopped;
    }

    private void submit(AppEvent event) {
        events.execute(() -> handle(event));
    }

    private void handle(AppEvent event) {
        if (finished.isCompletedExceptionally()) {
            return;
        }
        try {
            AppTransition transition = machine.next(run, event, clock.instant());
            run = transition.next();
            transition.effects().forEach(this::carryOut);
        } catch (Throwable bug) {
            crash(bug);
        }
    }

    private void carryOut(AppEffect effect) {
        if (effect instanceof AppEffect.Start start) {
            startRun(start.backend());
        } else if (effect instanceof AppEffect.Stop stop) {
            sessions.get(stop.backend()).stop();
        } else if (effect instanceof AppEffect.Kill kill) {
            kill.backends().forEach(name -> Optional.ofNullable(sessions.get(name)).ifPresent(BackendSession::kill));
        } else if (effect instanceof AppEffect.ArmDeadline arm) {
            deadlines.add(scheduler.schedule(arm.dependency().timeout().orElseThrow(),
                    () -> submit(new AppEvent.DeadlinePassed(arm.dependant(), arm.dependency()))));
        } else if (effect instanceof AppEffect.Publish publish) {
            publisher.publish(publish.event());
        } else if (effect instanceof AppEffect.Decide decide) {
            started.complete(decide.outcome());
        } else if (effect instanceof AppEffect.Finish finish) {
            // A head start for a backend that was never launched (the app stopped first) is not left running.
            headStarts.values().forEach(HeadStart::abandon);
            deadlines.forEach(Scheduler.Cancellable::cancel);
            started.complete(finish.outcome());
            finished.complete(finish.outcome());
            stopped.complete(null);
        }
    }

    private void startRun(BackendName name) {
        BackendSession session = runs.start(plan.backend(name), Optional.ofNullable(headStarts.remove(name)),
                this::fromBackend);
        sessions.put(name, session);
        session.finished().whenComplete((end, bug) -> {
            if (bug != null) {
                events.execute(() -> crash(bug));
            } else {
                submit(new AppEvent.Ended(end));
            }
        });
    }

    /**
     * A backend's event: its launch record first (a launch is recorded before anyone hears of it), then the front end,
     * then the app, in the order its run published them.
     */
    private void fromBackend(StatusEvent event) {
        records.on(event);
        publisher.publish(event);
        if (event instanceof StatusEvent.Launching launching) {
            submit(new AppEvent.Launched(launching.backend()));
        } else if (event instanceof StatusEvent.Connected connected) {
            submit(new AppEvent.Ready(connected));
        } else if (event instanceof StatusEvent.Retrying retrying && retrying.restart() > 0) {
            submit(new AppEvent.Down(retrying.backend()));
        }
    }

    /** A bug: every future fails with it, and what runs is killed, so nothing waits for ever nor outlives the front end. */
    private void crash(Throwable bug) {
        if (finished.isDone()) {
            return;
        }
        started.completeExceptionally(bug);
        finished.completeExceptionally(bug);
        CompletableFuture<?>[] kills = sessions.values().stream()
                .map(session -> session.kill().toCompletableFuture().exceptionally(failed -> null))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(kills).whenComplete((done, failed) -> stopped.completeExceptionally(bug));
        headStarts.values().forEach(HeadStart::abandon);
    }
}
