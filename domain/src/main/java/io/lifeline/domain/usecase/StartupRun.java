package io.lifeline.domain.usecase;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.model.RestartPolicy;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.BackendLauncher.LaunchRequest;
import io.lifeline.domain.port.out.BackendLauncher.LaunchResult;
import io.lifeline.domain.port.out.RunningBackend;
import io.lifeline.domain.port.out.Scheduler.Cancellable;
import io.lifeline.domain.service.FailureClassifier;
import io.lifeline.domain.usecase.StartBackendService.StartupPorts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One start, from the check for a running backend until it is stopped. Callbacks arrive on adapter threads
 * (process exit, HTTP client, scheduler); one lock keeps state changes and the events they publish in order.
 */
final class StartupRun implements BackendSession {

    private final StartBackendCommand command;
    private final CorrelationId correlationId;
    private final StartupPorts ports;
    private final StartupStateMachine machine;
    private final FailureClassifier classifier = new FailureClassifier();
    private final Instant requestedAt;
    private Instant cycleStartedAt;

    private final CompletableFuture<StatusEvent> started = new CompletableFuture<>();
    private final CompletableFuture<StatusEvent.Disconnected> disconnected = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final CompletableFuture<StatusEvent> finished = new CompletableFuture<>();
    private final RestartHistory restarts;

    private final Object lock = new Object();
    private boolean stopRequested;
    private RunningBackend currentBackend;
    private AttemptWatch currentWatch;
    private LivenessWatch currentLiveness;
    private StartupFailure lastFailure;

    StartupRun(StartBackendCommand command, CorrelationId correlationId, StartupPorts ports) {
        this.command = command;
        this.correlationId = correlationId;
        this.ports = ports;
        this.machine = new StartupStateMachine(correlationId, ports.clock(), ports.stateListener());
        this.requestedAt = ports.clock().instant();
        this.cycleStartedAt = requestedAt;
        this.restarts = new RestartHistory(command.supervision().restart(), correlationId);
    }

    @Override
    public CorrelationId correlationId() {
        return correlationId;
    }

    @Override
    public StartupState state() {
        return machine.current();
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

    void begin() {
        machine.moveTo(new StartupState.CheckingExisting());
        probeOnce().thenAccept(this::onExistingChecked).exceptionally(this::crashed);
    }

    // ---- attach to a backend that already runs ----

    private void onExistingChecked(HealthObservation observation) {
        synchronized (lock) {
            if (stopRequested) {
                finishStopped("stopped before a backend was launched");
                return;
            }
            HealthVerdict verdict = command.acceptance().evaluate(observation);
            if (command.acceptance().accepts(verdict)) {
                attach(verdict);
            } else if (observation instanceof ProbeFailure failure
                    && failure.kind() == ProbeFailure.Kind.CONNECTION_REFUSED) {
                launchWithRetries();
            } else {
                fail(new StartupFailure.PortInUse(command.endpoint(),
                        "something answers there that is not a healthy backend: " + verdict.describe()), 0, List.of());
            }
        }
    }

    private void attach(HealthVerdict verdict) {
        HealthReport report = reportOf(verdict);
        machine.moveTo(new StartupState.Connected(0, report.pid(), true));
        StatusEvent.Connected event = new StatusEvent.Connected(correlationId, now(), command.endpoint(),
                report.pid(), 0, elapsed(), true);
        publishConnected(event, verdict);
    }

    // ---- launch with retries ----

    private void launchWithRetries() {
        ports.retryExecutor()
                .execute(command.retry(), this::attempt, AttemptOutcome::retryable, this::beforeRetry)
                .whenComplete((outcome, error) -> {
                    AttemptOutcome last = outcome != null ? outcome : new AttemptOutcome.Failed(0,
                            new StartupFailure.LaunchFailed(command.backend().scriptPath().toString(),
                                    "internal error: " + error), List.of());
                    onAttemptsOver(last);
                })
                .exceptionally(bug -> {
                    crashed(bug);
                    return null;
                });
    }

    private CompletionStage<AttemptOutcome> attempt(int attempt) {
        synchronized (lock) {
            if (stopRequested) {
                return CompletableFuture.completedFuture(new AttemptOutcome.Cancelled(attempt));
            }
            // The previous attempt's backend is stopped; a stop from now on must wait for this attempt's.
            currentBackend = null;
            currentWatch = null;
            machine.moveTo(new StartupState.Launching(attempt));
        }
        LaunchRequest request = new LaunchRequest(command.backend(), command.endpoint(), correlationId,
                command.launchMode());
        return ports.launcher().launch(request)
                .exceptionally(error -> new LaunchResult.NotLaunched(new StartupFailure.LaunchFailed(
                        command.backend().scriptPath().toString(), String.valueOf(error))))
                .thenCompose(result -> {
                    if (result instanceof LaunchResult.Launched launched) {
                        return watch(attempt, launched.backend());
                    }
                    StartupFailure failure = ((LaunchResult.NotLaunched) result).failure();
                    return CompletableFuture.completedFuture(remember(new AttemptOutcome.Failed(attempt, failure,
                            List.of())));
                });
    }

    private CompletionStage<AttemptOutcome> watch(int attempt, RunningBackend backend) {
        AttemptWatch watch;
        synchronized (lock) {
            currentBackend = backend;
            if (stopRequested) {
                return backend.stop(command.stopGrace()).thenApply(done -> new AttemptOutcome.Cancelled(attempt));
            }
            machine.moveTo(new StartupState.WaitingForHealth(attempt, backend.pid()));
            ports.publisher().publish(new StatusEvent.Launching(correlationId, now(), command.endpoint(), attempt,
                    command.retry().maxAttempts(), backend.pid()));
            watch = new AttemptWatch(attempt, backend);
            currentWatch = watch;
        }
        watch.start();
        return watch.outcome.thenCompose(outcome -> {
            if (outcome instanceof AttemptOutcome.Ready) {
                return CompletableFuture.completedFuture(outcome);
            }
            // Never start the next attempt while this one's process tree still holds the port.
            return backend.stop(command.stopGrace()).handle((done, error) -> remember(withOutput(outcome, backend)));
        });
    }

    private static AttemptOutcome withOutput(AttemptOutcome outcome, RunningBackend backend) {
        if (outcome instanceof AttemptOutcome.Failed failed) {
            return new AttemptOutcome.Failed(failed.attempt(), failed.failure(), backend.lastOutput());
        }
        return outcome;
    }

    private AttemptOutcome remember(AttemptOutcome outcome) {
        if (outcome instanceof AttemptOutcome.Failed failed) {
            synchronized (lock) {
                lastFailure = failed.failure();
            }
        }
        return outcome;
    }

    private void beforeRetry(int nextAttempt, Duration delay) {
        synchronized (lock) {
            if (stopRequested) {
                return;
            }
            machine.moveTo(new StartupState.RetryBackoff(nextAttempt, delay));
            ports.publisher().publish(new StatusEvent.Retrying(correlationId, now(), nextAttempt,
                    command.retry().maxAttempts(), delay, lastFailure));
        }
    }

    private void onAttemptsOver(AttemptOutcome outcome) {
        synchronized (lock) {
            if (outcome instanceof AttemptOutcome.Ready ready) {
                if (stopRequested) {
                    ready.backend().stop(command.stopGrace())
                            .whenComplete((done, error) -> finishStopped("backend stopped"));
                    return;
                }
                connect(ready);
            } else if (outcome instanceof AttemptOutcome.Failed failed) {
                if (stopRequested) {
                    finishStopped("backend stopped");
                    return;
                }
                fail(failed.failure(), failed.attempt(), failed.lastOutput());
            } else {
                finishStopped("backend stopped");
            }
        }
    }

    private void connect(AttemptOutcome.Ready ready) {
        RunningBackend backend = ready.backend();
        OptionalLong pid = OptionalLong.of(backend.pid());
        machine.moveTo(new StartupState.Connected(ready.attempt(), pid, false));
        StatusEvent.Connected event = new StatusEvent.Connected(correlationId, now(), command.endpoint(), pid,
                ready.attempt(), elapsed(), false);
        publishConnected(event, ready.verdict());
        LivenessWatch liveness = new LivenessWatch(backend, ready.attempt(), ready.verdict());
        currentLiveness = liveness;
        liveness.start();
        backend.exitCode().thenAccept(exitCode -> onDown(backend, OptionalInt.of(exitCode)))
                .exceptionally(this::crashed);
    }

    private void publishConnected(StatusEvent.Connected event, HealthVerdict verdict) {
        ports.publisher().publish(event);
        if (verdict instanceof HealthVerdict.Degraded degraded) {
            ports.publisher().publish(new StatusEvent.Degraded(correlationId, now(), degraded.services()));
        }
        started.complete(event);
    }

    /** A connected backend is gone: it exited, or was stopped for failing its liveness checks. */
    private void onDown(RunningBackend backend, OptionalInt exitCode) {
        synchronized (lock) {
            if (stopRequested || backend != currentBackend) {
                return;
            }
            LivenessWatch liveness = currentLiveness;
            liveness.cancel();
            StartupFailure cause = liveness.failure()
                    .orElseGet(() -> new StartupFailure.BackendExited(exitCode, backend.lastOutput()));
            machine.moveTo(new StartupState.Disconnected(exitCode.isPresent()
                    ? OptionalLong.of(exitCode.getAsInt()) : OptionalLong.empty()));
            StatusEvent.Disconnected event = new StatusEvent.Disconnected(correlationId, now(),
                    OptionalLong.of(backend.pid()), exitCode, backend.lastOutput());
            ports.publisher().publish(event);
            restarts.wentDown(cause);
            boolean restart = liveness.failure().isPresent()
                    ? command.supervision().restart().mode() != RestartPolicy.Mode.NEVER
                    : command.supervision().restart().restartsAfter(exitCode);
            if (!restart) {
                disconnected.complete(event);
                finished.complete(event);
                return;
            }
            Instant now = now();
            if (!restarts.allowsRestartAt(now)) {
                fail(restarts.giveUp(), 0, backend.lastOutput());
                return;
            }
            RestartHistory.Restart next = restarts.restartAt(now);
            machine.moveTo(new StartupState.RestartBackoff(next.number(), next.delay()));
            ports.publisher().publish(new StatusEvent.Retrying(correlationId, now, 1, command.retry().maxAttempts(),
                    next.delay(), cause, next.number()));
            ports.scheduler().schedule(next.delay(), this::relaunch);
        }
    }

    private void relaunch() {
        synchronized (lock) {
            if (stopRequested) {
                return;
            }
            cycleStartedAt = now();
            launchWithRetries();
        }
    }

    private void fail(StartupFailure cause, int attempts, List<String> lastOutput) {
        StartupFailure failure = cause instanceof StartupFailure.PortInUse portInUse && portInUse.holder().isEmpty()
                ? portInUse.withHolder(ports.portOwners().holderOf(command.endpoint()))
                : cause;
        machine.moveTo(new StartupState.Failed(failure));
        StatusEvent.Failed event = new StatusEvent.Failed(correlationId, now(), failure, attempts, lastOutput);
        ports.publisher().publish(event);
        started.complete(event);
        finished.complete(event);
    }

    // ---- stop ----

    @Override
    public CompletionStage<Void> stop() {
        RunningBackend toStop;
        AttemptWatch watch;
        synchronized (lock) {
            if (stopRequested) {
                return stopped;
            }
            stopRequested = true;
            StartupState state = machine.current();
            if (state instanceof StartupState.Failed || state instanceof StartupState.Stopped) {
                stopped.complete(null);
                return stopped;
            }
            if (state instanceof StartupState.Connected connected && connected.attached()) {
                finishStopped("left running: the backend was already running and not started by this run");
                return stopped;
            }
            if (state instanceof StartupState.Disconnected) {
                finishStopped("backend had already exited");
                return stopped;
            }
            if (state instanceof StartupState.RestartBackoff) {
                finishStopped("stopped while waiting to restart the backend");
                return stopped;
            }
            if (state instanceof StartupState.Idle || state instanceof StartupState.CheckingExisting
                    || state instanceof StartupState.RetryBackoff) {
                // No process runs now; a pending probe or attempt sees stopRequested and ends quietly.
                finishStopped("stopped before a backend was launched");
                return stopped;
            }
            machine.moveTo(new StartupState.Stopping());
            toStop = currentBackend;
            watch = currentWatch;
            if (currentLiveness != null) {
                currentLiveness.cancel();
            }
        }
        if (watch != null) {
            watch.cancel();
        }
        if (toStop != null) {
            toStop.stop(command.stopGrace()).whenComplete((done, error) -> {
                synchronized (lock) {
                    finishStopped("backend stopped");
                }
            });
        }
        return stopped;
    }

    @Override
    public CompletionStage<Void> kill() {
        stop();
        RunningBackend toKill;
        synchronized (lock) {
            toKill = currentBackend;
        }
        if (toKill != null) {
            toKill.kill();
        }
        return stopped;
    }

    /** Called with the lock held. Publishes {@code stopped} once. */
    private void finishStopped(String detail) {
        if (stopped.isDone()) {
            return;
        }
        if (!(machine.current() instanceof StartupState.Stopped)) {
            machine.moveTo(new StartupState.Stopped());
        }
        StatusEvent.Stopped event = new StatusEvent.Stopped(correlationId, now(), detail);
        ports.publisher().publish(event);
        started.complete(event);
        finished.complete(event);
        stopped.complete(null);
    }

    /**
     * A callback failed: a bug, since every expected outcome is a value. Nothing may wait forever on this run, so
     * every open future fails with the cause, and what this run started is stopped.
     */
    private Void crashed(Throwable bug) {
        RunningBackend backend;
        synchronized (lock) {
            stopRequested = true;
            backend = currentBackend;
        }
        started.completeExceptionally(bug);
        disconnected.completeExceptionally(bug);
        finished.completeExceptionally(bug);
        if (backend != null) {
            backend.stop(command.stopGrace()).whenComplete((done, error) -> stopped.completeExceptionally(bug));
        } else {
            stopped.completeExceptionally(bug);
        }
        return null;
    }

    // ---- helpers ----

    /** The probe port promises never to fail; if an adapter breaks that promise, it still is only an observation. */
    private CompletionStage<HealthObservation> probeOnce() {
        CompletionStage<HealthObservation> probe;
        try {
            probe = ports.probe().probe(command.endpoint(), correlationId, command.timeouts().probeTimeout());
        } catch (RuntimeException broken) {
            probe = CompletableFuture.failedFuture(broken);
        }
        return probe.exceptionally(error -> ProbeFailure.of(ProbeFailure.Kind.CONNECTION_ERROR, String.valueOf(error)));
    }

    private static HealthReport reportOf(HealthVerdict verdict) {
        if (verdict instanceof HealthVerdict.Healthy healthy) {
            return healthy.report();
        }
        return ((HealthVerdict.Degraded) verdict).report();
    }

    private Instant now() {
        return ports.clock().instant();
    }

    /** Since the start request, or since the relaunch for a restart. */
    private Duration elapsed() {
        return Duration.between(cycleStartedAt, now());
    }

    /**
     * Waits for one launched backend: healthy, or exited (fail fast), or out of time, whichever comes first.
     * Probes every probe interval, and at once whenever the backend writes a line while nothing listens yet, since
     * readiness usually announces itself in the output; that keeps "connected" within milliseconds of the backend
     * being ready.
     */
    private final class AttemptWatch {
        private final int attempt;
        private final RunningBackend backend;
        private final CompletableFuture<AttemptOutcome> outcome = new CompletableFuture<>();
        private Optional<HealthVerdict> lastVerdict = Optional.empty();
        private boolean probing;
        private boolean probeAgain;
        private boolean degradedPublished;
        private Cancellable nextProbe = Cancellable.NONE;
        private Cancellable deadline = Cancellable.NONE;

        AttemptWatch(int attempt, RunningBackend backend) {
            this.attempt = attempt;
            this.backend = backend;
        }

        void start() {
            synchronized (lock) {
                deadline = ports.scheduler().schedule(command.timeouts().startupTimeout(), this::onDeadline);
            }
            backend.exitCode().thenAccept(this::onExit).exceptionally(StartupRun.this::crashed);
            backend.onOutput(line -> onOutputLine());
            probeNow();
        }

        /**
         * Output is a sign of readiness only until the backend first answers. After that it must not trigger
         * probes: a backend that logs each request (uvicorn logs every GET /health) would turn every probe into the
         * next one, back to back.
         */
        private void onOutputLine() {
            synchronized (lock) {
                if (answered()) {
                    return;
                }
            }
            probeNow();
        }

        /** Whether anything but "connection refused" came back yet. Called with the lock held. */
        private boolean answered() {
            return lastVerdict.isPresent()
                    && !(lastVerdict.get() instanceof HealthVerdict.Unreachable unreachable
                    && unreachable.failure().kind() == ProbeFailure.Kind.CONNECTION_REFUSED);
        }

        void cancel() {
            finish(new AttemptOutcome.Cancelled(attempt));
        }

        private void probeNow() {
            synchronized (lock) {
                if (outcome.isDone()) {
                    return;
                }
                if (probing) {
                    probeAgain = true;
                    return;
                }
                probing = true;
                nextProbe.cancel();
            }
            probeOnce().thenAccept(this::onObservation).exceptionally(StartupRun.this::crashed);
        }

        private void onObservation(HealthObservation observation) {
            HealthVerdict verdict = command.acceptance().evaluate(observation);
            boolean again;
            synchronized (lock) {
                probing = false;
                if (outcome.isDone()) {
                    return;
                }
                lastVerdict = Optional.of(verdict);
                if (command.acceptance().accepts(verdict)) {
                    finish(new AttemptOutcome.Ready(attempt, backend, verdict));
                    return;
                }
                if (verdict instanceof HealthVerdict.Foreign) {
                    // Our backend cannot be what answers: something else holds the port it was meant to use.
                    finish(new AttemptOutcome.Failed(attempt, new StartupFailure.PortInUse(command.endpoint(),
                            verdict.describe()), backend.lastOutput()));
                    return;
                }
                if (verdict instanceof HealthVerdict.Degraded degraded && !degradedPublished) {
                    degradedPublished = true;
                    ports.publisher().publish(new StatusEvent.Degraded(correlationId, now(), degraded.services()));
                }
                again = probeAgain && !answered();
                probeAgain = false;
                if (!again) {
                    nextProbe = ports.scheduler().schedule(command.timeouts().probeInterval(), this::probeNow);
                }
            }
            if (again) {
                probeNow();
            }
        }

        private void onExit(int exitCode) {
            finish(new AttemptOutcome.Failed(attempt, classifier.classifyExit(exitCode, backend.lastOutput(),
                    command.backend(), backend.interpreter(), command.endpoint()), backend.lastOutput()));
        }

        private void onDeadline() {
            Optional<HealthVerdict> last;
            synchronized (lock) {
                last = lastVerdict;
            }
            List<String> output = backend.lastOutput();
            finish(new AttemptOutcome.Failed(attempt, classifier.classifyTimeout(command.timeouts(), last, output,
                    Optional.of(command.endpoint())), output));
        }

        private void finish(AttemptOutcome result) {
            synchronized (lock) {
                if (!outcome.complete(result)) {
                    return;
                }
                deadline.cancel();
                nextProbe.cancel();
            }
        }
    }

    /**
     * Watches a connected backend: a health probe every liveness interval; degraded and recovered are published
     * when they change; {@code failureThreshold} failures in a row stop the backend, and its exit then goes through
     * {@link #onDown} like any other. Also resets the restart backoff once the backend has been stable long enough.
     */
    private final class LivenessWatch {
        private final RunningBackend backend;
        private final int attempt;
        private HealthVerdict shown;
        private int failures;
        private Optional<StartupFailure> failure = Optional.empty();
        private boolean cancelled;
        private Cancellable nextProbe = Cancellable.NONE;
        private Cancellable stable = Cancellable.NONE;

        LivenessWatch(RunningBackend backend, int attempt, HealthVerdict atConnect) {
            this.backend = backend;
            this.attempt = attempt;
            this.shown = atConnect;
        }

        /** Called with the lock held. */
        void start() {
            if (command.supervision().restart().mode() != RestartPolicy.Mode.NEVER) {
                stable = ports.scheduler().schedule(command.supervision().restart().stableAfter(), this::onStable);
            }
            scheduleProbe();
        }

        /** Called with the lock held. */
        void cancel() {
            cancelled = true;
            nextProbe.cancel();
            stable.cancel();
        }

        Optional<StartupFailure> failure() {
            return failure;
        }

        private void scheduleProbe() {
            if (command.supervision().liveness().enabled()) {
                nextProbe = ports.scheduler().schedule(command.supervision().liveness().interval(), this::probe);
            }
        }

        private void probe() {
            synchronized (lock) {
                if (cancelled) {
                    return;
                }
            }
            probeOnce().thenAccept(this::onObservation).exceptionally(StartupRun.this::crashed);
        }

        private void onObservation(HealthObservation observation) {
            HealthVerdict verdict = command.acceptance().evaluate(observation);
            synchronized (lock) {
                if (cancelled || failure.isPresent()) {
                    return;
                }
                if (verdict instanceof HealthVerdict.Healthy || verdict instanceof HealthVerdict.Degraded) {
                    failures = 0;
                    publishIfChanged(verdict);
                    scheduleProbe();
                    return;
                }
                failures++;
                int threshold = command.supervision().liveness().failureThreshold();
                if (failures < threshold) {
                    scheduleProbe();
                    return;
                }
                StartupFailure down = new StartupFailure.LivenessFailed(failures,
                        command.supervision().liveness().interval(), verdict);
                failure = Optional.of(down);
                stable.cancel();
                ports.publisher().publish(new StatusEvent.Unhealthy(correlationId, now(), down.summary()));
            }
            // Its exit is reported by onDown, with this failure as the cause.
            backend.stop(command.stopGrace());
        }

        private void publishIfChanged(HealthVerdict verdict) {
            if (verdict instanceof HealthVerdict.Degraded degraded && !(shown instanceof HealthVerdict.Degraded)) {
                ports.publisher().publish(new StatusEvent.Degraded(correlationId, now(), degraded.services()));
            } else if (verdict instanceof HealthVerdict.Healthy && !(shown instanceof HealthVerdict.Healthy)) {
                ports.publisher().publish(new StatusEvent.Connected(correlationId, now(), command.endpoint(),
                        OptionalLong.of(backend.pid()), attempt, elapsed(), false));
            }
            shown = verdict;
        }

        private void onStable() {
            synchronized (lock) {
                if (!cancelled && failure.isEmpty()) {
                    restarts.stable();
                }
            }
        }
    }
}
