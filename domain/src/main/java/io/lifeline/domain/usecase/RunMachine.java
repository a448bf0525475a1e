package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.service.FailureClassifier;
import io.lifeline.domain.usecase.Step.Transition;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The start flow as a pure function: {@code next(run, event, now)} is the next run and the effects to carry out.
 * No locks, no futures, no ports, no clock: {@code now} is passed in (the driver's time for the event). The rules live
 * in {@link StartupRules}, {@link LaunchProofRules}, {@link SupervisionRules} and {@link StopRules};
 * {@link TransitionTable} holds them as rows.
 */
final class RunMachine {

    private final StartBackendCommand command;
    private final CorrelationId correlationId;
    private final TransitionTable table = new TransitionTable();

    RunMachine(StartBackendCommand command, CorrelationId correlationId, BackendProfile profile) {
        this.command = Objects.requireNonNull(command, "command");
        this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
        new StartupRules(new FailureClassifier(profile)).addTo(table);
        new LaunchProofRules().addTo(table);
        new SupervisionRules().addTo(table);
        new StopRules().addTo(table);
    }

    Run initial(Instant now) {
        return Run.initial(RestartHistory.of(command.supervision().restart(), correlationId), now);
    }

    /** The run after {@code event}; a (state, event) pair without a row leaves the run as it is, with no effects. */
    Transition next(Run run, RunEvent event, Instant now) {
        if (isLate(run.state(), event)) {
            return new Transition(run, List.of());
        }
        return table.rowFor(run.state(), event)
                .map(row -> {
                    Step step = new Step(command, correlationId, run, now);
                    return step.finish(row.apply(run.state(), event, step));
                })
                .orElseGet(() -> new Transition(run, List.of()));
    }

    /**
     * An event of a launch other than the one the state awaits: an earlier attempt's probe answer, the exit of a
     * backend already being replaced. Dropped here, once, rather than by every rule.
     */
    private static boolean isLate(RunState state, RunEvent event) {
        return event instanceof RunEvent.OfLaunch ofLaunch && state.awaitedLaunch().isPresent()
                && ofLaunch.launch() != state.awaitedLaunch().getAsInt();
    }

    List<TransitionTable.Row<?, ?>> rows() {
        return table.rows();
    }
}
