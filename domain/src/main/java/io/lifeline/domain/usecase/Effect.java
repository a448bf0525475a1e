package io.lifeline.domain.usecase;

import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.ProcessFacts;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.out.BackendLauncher.LaunchRequest;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a transition asks the outside world to do. Effects are values: the driver's {@link EffectCarrier} carries
 * them out through the ports, in order, and turns every answer into the next {@link RunEvent}.
 */
sealed interface Effect {

    void applyTo(Effects effects);

    /** The run's public state changes (reported to the state listener, shown by {@code BackendSession.state()}). */
    record EnterState(StartupState state) implements Effect {
        public EnterState {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public void applyTo(Effects effects) {
            effects.enterState(this);
        }
    }

    record Publish(StatusEvent event) implements Effect {
        public Publish {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public void applyTo(Effects effects) {
            effects.publish(this);
        }
    }

    /** Spawn a backend; answered by {@link RunEvent.Launched} or {@link RunEvent.NotLaunched}. */
    record Launch(int launch, LaunchRequest request) implements Effect {
        public Launch {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public void applyTo(Effects effects) {
            effects.launch(this);
        }
    }

    /** One health probe; answered by the event {@code purpose} names. */
    record Probe(ProbePurpose purpose, int launch) implements Effect {
        public Probe {
            Objects.requireNonNull(purpose, "purpose");
        }

        @Override
        public void applyTo(Effects effects) {
            effects.probe(this);
        }
    }

    enum ProbePurpose {
        /** Answered by {@link RunEvent.ExistingProbed}. */
        EXISTING,
        /** Answered by {@link RunEvent.StartupProbed}. */
        STARTUP,
        /** Answered by {@link RunEvent.LivenessProbed}. */
        LIVENESS
    }

    /** Deliver (or stop delivering) the launch's output lines as {@link RunEvent.OutputLine}. */
    record WatchOutput(int launch, boolean watch) implements Effect {
        @Override
        public void applyTo(Effects effects) {
            effects.watchOutput(this);
        }
    }

    /** Deliver {@code event} after {@code delay}, replacing the timer's earlier schedule if any. */
    record Schedule(Timer timer, Duration delay, RunEvent event) implements Effect {
        public Schedule {
            Objects.requireNonNull(timer, "timer");
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(event, "event");
        }

        @Override
        public void applyTo(Effects effects) {
            effects.schedule(this);
        }
    }

    /**
     * Deliver {@code event} after the events already waiting: what has already happened (a process that exited
     * before its launch was even reported) comes first.
     */
    record Deliver(RunEvent event) implements Effect {
        public Deliver {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public void applyTo(Effects effects) {
            effects.deliver(this);
        }
    }

    record Cancel(Timer timer) implements Effect {
        public Cancel {
            Objects.requireNonNull(timer, "timer");
        }

        @Override
        public void applyTo(Effects effects) {
            effects.cancel(this);
        }
    }

    /** The run's timers; each runs at most once at a time. */
    enum Timer {
        ATTEMPT_DEADLINE, NEXT_PROBE, BACKOFF, LIVENESS, STABLE_PERIOD, RESTART, PROOF_DEADLINE
    }

    /** Terminate the launch's process tree, kill what is left after the grace period; answered by TreeStopped. */
    record StopTree(int launch) implements Effect {
        @Override
        public void applyTo(Effects effects) {
            effects.stopTree(this);
        }
    }

    /** Kill the launch's process tree at once; answered by TreeStopped. */
    record KillTree(int launch) implements Effect {
        @Override
        public void applyTo(Effects effects) {
            effects.killTree(this);
        }
    }

    /**
     * Ask the retry port whether attempt {@code failedAttempt} of launch cycle {@code cycle} gets another try;
     * answered by {@link RunEvent.RetryDecided}. A new cycle (the first start, each restart) starts a fresh count.
     */
    record DecideRetry(int cycle, int failedAttempt, StartupFailure failure) implements Effect {
        public DecideRetry {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public void applyTo(Effects effects) {
            effects.decideRetry(this);
        }
    }

    /** Check whether the ready backend on the port is ours (may block briefly); answered by {@link RunEvent.OwnerVerified}. */
    record VerifyOwner(HealthReport report) implements Effect {
        @Override
        public void applyTo(Effects effects) {
            effects.verifyOwner(this);
        }
    }

    /**
     * Check that what answers on the port is the process launch {@code launch} started as {@code pid} (may block
     * briefly); answered by {@link RunEvent.LaunchProven}.
     */
    record ProveLaunch(int launch, long pid, HealthReport report) implements Effect {
        public ProveLaunch {
            Objects.requireNonNull(report, "report");
        }

        @Override
        public void applyTo(Effects effects) {
            effects.proveLaunch(this);
        }
    }

    /**
     * Watch this process, which the run did not start, until it exits (answered by
     * {@link RunEvent.WatchedProcessExited}), instead of the one watched so far; empty: watch none.
     */
    record WatchProcess(Optional<ProcessFacts> process) implements Effect {
        public WatchProcess {
            Objects.requireNonNull(process, "process");
        }

        @Override
        public void applyTo(Effects effects) {
            effects.watchProcess(this);
        }
    }

    /** Find the process that holds the port (may block briefly); answered by {@link RunEvent.PortHolderFound}. */
    record LookUpPortHolder() implements Effect {
        @Override
        public void applyTo(Effects effects) {
            effects.lookUpPortHolder(this);
        }
    }

    /** The start is decided: {@code BackendSession.started()} completes with {@code event}. */
    record SettleStarted(StatusEvent event) implements Effect {
        public SettleStarted {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public void applyTo(Effects effects) {
            effects.settleStarted(this);
        }
    }

    /** The backend went down and the run ends there: {@code BackendSession.disconnected()} completes. */
    record SettleDisconnected(StatusEvent.Disconnected event) implements Effect {
        public SettleDisconnected {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public void applyTo(Effects effects) {
            effects.settleDisconnected(this);
        }
    }

    /** The run is over: {@code BackendSession.finished()} completes with {@code event}. */
    record SettleFinished(StatusEvent event) implements Effect {
        public SettleFinished {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public void applyTo(Effects effects) {
            effects.settleFinished(this);
        }
    }

    /** A stop asked for is done: {@code BackendSession.stop()} completes. */
    record SettleStopped() implements Effect {
        @Override
        public void applyTo(Effects effects) {
            effects.settleStopped(this);
        }
    }

    /**
     * Carries effects out, one method per kind: a new kind of effect does not compile until its executor handles it.
     */
    interface Effects {
        void enterState(EnterState effect);

        void publish(Publish effect);

        void launch(Launch effect);

        void probe(Probe effect);

        void watchOutput(WatchOutput effect);

        void schedule(Schedule effect);

        void deliver(Deliver effect);

        void cancel(Cancel effect);

        void stopTree(StopTree effect);

        void killTree(KillTree effect);

        void decideRetry(DecideRetry effect);

        void lookUpPortHolder(LookUpPortHolder effect);

        void verifyOwner(VerifyOwner effect);

        void proveLaunch(ProveLaunch effect);

        void watchProcess(WatchProcess effect);

        void settleStarted(SettleStarted effect);

        void settleDisconnected(SettleDisconnected effect);

        void settleFinished(SettleFinished effect);

        void settleStopped(SettleStopped effect);
    }
}
