package io.lifeline.adapter.process;

import io.lifeline.domain.model.InterpreterCandidateReport;

import java.util.List;
import java.util.Optional;

/**
 * What trying one interpreter candidate showed. Each kind builds its own {@link #report()}, so a new kind does not
 * compile until it says how it is reported; the log line ({@link #explain()}) and {@code lifeline doctor} both read
 * that one report.
 */
public sealed interface InterpreterCheck {

    InterpreterCandidate candidate();

    /** This check as the domain reports a candidate: usable or not, version, executable, missing modules, why. */
    InterpreterCandidateReport report();

    /** The check in one line: {@code /usr/bin/python3 (PATH): Python 3.12.1, usable}. */
    default String explain() {
        return report().describe();
    }

    /** Runs, is recent enough, and imports every required module. */
    record Usable(InterpreterCandidate candidate, String executable, String version) implements InterpreterCheck {
        @Override
        public InterpreterCandidateReport report() {
            return new InterpreterCandidateReport(candidate.display(), candidate.origin(), true,
                    Optional.of(version), Optional.of(executable), List.of(), "Python " + version + ", usable");
        }
    }

    record TooOld(InterpreterCandidate candidate, String version) implements InterpreterCheck {
        @Override
        public InterpreterCandidateReport report() {
            return new InterpreterCandidateReport(candidate.display(), candidate.origin(), false,
                    Optional.of(version), Optional.empty(), List.of(), "Python " + version + " is older than "
                    + PythonBackendProfile.MINIMUM_VERSION);
        }
    }

    record MissingModules(InterpreterCandidate candidate, String executable, String version, List<String> modules)
            implements InterpreterCheck {
        @Override
        public InterpreterCandidateReport report() {
            return new InterpreterCandidateReport(candidate.display(), candidate.origin(), false,
                    Optional.of(version), Optional.of(executable), modules,
                    "Python " + version + ", cannot import " + String.join(", ", modules));
        }
    }

    /** Not found, not executable, crashed, hung, or printed something we did not understand. */
    record Broken(InterpreterCandidate candidate, String reason) implements InterpreterCheck {
        @Override
        public InterpreterCandidateReport report() {
            return new InterpreterCandidateReport(candidate.display(), candidate.origin(), false,
                    Optional.empty(), Optional.empty(), List.of(), reason);
        }
    }
}
