package io.lifeline.domain.usecase;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.StartBackendCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Collects one transition while a rule runs: the effects in order and the run's memory as it changes. Lives for one
 * event only and never leaves {@link RunMachine}, so its mutability stays inside the pure function.
 */
final class Step {

    private final StartBackendCommand command;
    private final CorrelationId correlationId;
    private final Instant now;
    private final List<Effect> effects = new ArrayList<>();
    private Run run;

    Step(StartBackendCommand command, CorrelationId correlationId, Run run, Instant now) {
        this.command = command;
        this.correlationId = correlationId;
        this.run = run;
        this.now = now;
    }

    StartBackendCommand command() {
        return command;
    }

    CorrelationId correlationId() {
        return correlationId;
    }

    Instant now() {
        return now;
    }

    Run run() {
        return run;
    }

    void remember(UnaryOperator<Run> change) {
        run = change.apply(run);
    }

    /** Since the start request, or since the relaunch for a restart. */
    Duration elapsed() {
        return Duration.between(run.cycleStartedAt(), now);
    }

    void then(Effect effect) {
        effects.add(effect);
    }

    void enter(StartupState state) {
        then(new Effect.EnterState(state));
    }

    void publish(StatusEvent event) {
        then(new Effect.Publish(event));
    }

    Transition finish(RunState next) {
        return new Transition(run.in(next), named(effects));
    }

    /**
     * Every event the effects carry, about this run's backend: the rules make events without a name, and one event
     * published and settled stays one object.
     */
    private List<Effect> named(List<Effect> effects) {
        Map<StatusEvent, StatusEvent> stamped = new IdentityHashMap<>();
        UnaryOperator<StatusEvent> name = event -> stamped.computeIfAbsent(event,
                unnamed -> unnamed.withBackend(command.name()));
        return effects.stream().map(effect -> {
            if (effect instanceof Effect.Publish publish) {
                return new Effect.Publish(name.apply(publish.event()));
            }
            if (effect instanceof Effect.SettleStarted settle) {
                return new Effect.SettleStarted(name.apply(settle.event()));
            }
            if (effect instanceof Effect.SettleFinished settle) {
                return new Effect.SettleFinished(name.apply(settle.event()));
            }
            if (effect instanceof Effect.SettleDisconnected settle) {
                return new Effect.SettleDisconnected((StatusEvent.Disconnected) name.apply(settle.event()));
            }
            return effect;
        }).toList();
    }

    /** The outcome of one event: the run after it, and what to do, in order. */
    record Transition(Run next, List<Effect> effects) {
        Transition {
            effects = List.copyOf(effects);
        }
    }
}
