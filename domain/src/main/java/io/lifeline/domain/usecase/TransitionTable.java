package io.lifeline.domain.usecase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The run's rules as data, in the style of Temporal's {@code StateMachineDefinition}: one row per (state, event) pair
 * that does something, with the states it may lead to. A pair without a row is ignored: late answers (a probe of an
 * attempt that already ended, the exit of a backend being stopped) are normal for a run that waits on several things
 * at once. The rows also draw the diagram in docs/architecture.md.
 */
final class TransitionTable {

    /** What a rule does: the next state, with effects and memory changes collected in the step. */
    @FunctionalInterface
    interface Rule<S extends RunState, E extends RunEvent> {
        RunState apply(S state, E event, Step step);
    }

    record Row<S extends RunState, E extends RunEvent>(Class<S> state, Class<E> event,
                                                          Set<Class<? extends RunState>> targets, Rule<S, E> rule) {
        Row {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(event, "event");
            targets = Set.copyOf(targets);
            Objects.requireNonNull(rule, "rule");
        }

        RunState apply(RunState current, RunEvent happened, Step step) {
            RunState next = rule.apply(state.cast(current), event.cast(happened), step);
            if (!next.getClass().equals(state) && !targets.contains(next.getClass())) {
                throw new IllegalStateException("rule " + state.getSimpleName() + " + " + event.getSimpleName()
                        + " led to " + next.getClass().getSimpleName() + ", which its row does not declare");
            }
            return next;
        }
    }

    private final List<Row<?, ?>> rows = new ArrayList<>();
    private final Map<List<Class<?>>, Row<?, ?>> index = new HashMap<>();

    /** Adds a row; {@code targets} are the states it may lead to besides staying where it is. */
    @SafeVarargs
    final <S extends RunState, E extends RunEvent> TransitionTable on(Class<S> state, Class<E> event, Rule<S, E> rule,
                                                                      Class<? extends RunState>... targets) {
        Row<S, E> row = new Row<>(state, event, new LinkedHashSet<>(List.of(targets)), rule);
        if (index.putIfAbsent(List.of(state, event), row) != null) {
            throw new IllegalArgumentException("two rows for " + state.getSimpleName() + " + " + event.getSimpleName());
        }
        rows.add(row);
        return this;
    }

    Optional<Row<?, ?>> rowFor(RunState state, RunEvent event) {
        return Optional.ofNullable(index.get(List.of(state.getClass(), event.getClass())));
    }

    List<Row<?, ?>> rows() {
        return List.copyOf(rows);
    }
}
