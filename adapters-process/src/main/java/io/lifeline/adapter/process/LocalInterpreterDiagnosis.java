package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.InterpreterCandidateReport;
import io.lifeline.domain.port.out.InterpreterDiagnosis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Runs every interpreter candidate the way {@link InterpreterFinder} does for a launch, and reports each one. */
public final class LocalInterpreterDiagnosis implements InterpreterDiagnosis {

    private final InterpreterFinder finder;

    public LocalInterpreterDiagnosis(InterpreterFinder finder) {
        this.finder = Objects.requireNonNull(finder, "finder");
    }

    @Override
    public Findings diagnose(BackendSpec backend) {
        return Findings.of(finder.checkAll(backend).stream().map(LocalInterpreterDiagnosis::report).toList());
    }

    static InterpreterCandidateReport report(InterpreterCheck check) {
        String command = check.candidate().display();
        String origin = check.candidate().origin();
        if (check instanceof InterpreterCheck.Usable usable) {
            return new InterpreterCandidateReport(command, origin, true, Optional.of(usable.version()),
                    Optional.of(usable.executable()), List.of(), "Python " + usable.version() + ", usable");
        }
        if (check instanceof InterpreterCheck.TooOld old) {
            return new InterpreterCandidateReport(command, origin, false, Optional.of(old.version()), Optional.empty(),
                    List.of(), "Python " + old.version() + " is older than " + InterpreterFinder.MIN_MAJOR + "."
                            + InterpreterFinder.MIN_MINOR);
        }
        if (check instanceof InterpreterCheck.MissingModules missing) {
            return new InterpreterCandidateReport(command, origin, false, Optional.of(missing.version()),
                    Optional.of(missing.executable()), missing.modules(),
                    "Python " + missing.version() + ", cannot import " + String.join(", ", missing.modules()));
        }
        InterpreterCheck.Broken broken = (InterpreterCheck.Broken) check;
        return new InterpreterCandidateReport(command, origin, false, Optional.empty(), Optional.empty(), List.of(),
                broken.reason());
    }
}
