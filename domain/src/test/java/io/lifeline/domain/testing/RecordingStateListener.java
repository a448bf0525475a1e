package io.lifeline.domain.testing;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.port.out.StartupStateListener;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Keeps every state transition, in order. */
public final class RecordingStateListener implements StartupStateListener {

    /** One transition as reported. */
    public record Transition(CorrelationId correlationId, StartupState from, StartupState to, Instant at) {
    }

    private final List<Transition> transitions = new ArrayList<>();

    @Override
    public void onTransition(CorrelationId correlationId, StartupState from, StartupState to, Instant at) {
        transitions.add(new Transition(correlationId, from, to, at));
    }

    public List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    /** The states entered, in order (the initial idle state is not a transition, so it is not listed). */
    public List<StartupState> states() {
        return transitions.stream().map(Transition::to).toList();
    }

    /** The labels of the states entered: {@code checking-existing, launching, ...}. */
    public List<String> labels() {
        return transitions.stream().map(transition -> transition.to().label()).toList();
    }
}
