package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.port.out.InterpreterDiagnosis;

import java.util.Objects;

/** Runs every interpreter candidate the way {@link InterpreterFinder} does for a launch, and reports each one. */
public final class LocalInterpreterDiagnosis implements InterpreterDiagnosis {

    private final InterpreterFinder finder;

    public LocalInterpreterDiagnosis(InterpreterFinder finder) {
        this.finder = Objects.requireNonNull(finder, "finder");
    }

    @Override
    public Findings diagnose(BackendSpec backend) {
        return Findings.of(finder.checkAll(backend).stream().map(InterpreterCheck::report).toList());
    }
}
