package io.lifeline.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * A backend of an app did not meet the condition a dependant waits for within that dependant's {@code timeout} for
 * it. The backend itself may still have been starting: it was stopped with the rest of the app.
 */
public record DependencyNotReady(BackendName dependency, BackendName dependant, DependencyCondition condition,
                                 Duration timeout) implements StartupFailure {

    public DependencyNotReady {
        Objects.requireNonNull(dependency, "dependency");
        Objects.requireNonNull(dependant, "dependant");
        Objects.requireNonNull(condition, "condition");
        Durations.requirePositive(timeout, "timeout");
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.DEPENDENCY_NOT_READY;
    }

    @Override
    public String summary() {
        return dependency + " was not " + condition.word() + " within " + Durations.format(timeout) + ", the timeout "
                + dependant + " gives it";
    }

    @Override
    public String remedy(SettingNames settings) {
        return "If " + dependency + " is just slow, raise the timeout of " + dependency + " in " + dependant
                + "'s dependsOn; otherwise its output below shows why it is not " + condition.word();
    }
}
