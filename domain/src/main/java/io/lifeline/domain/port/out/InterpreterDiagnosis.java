package io.lifeline.domain.port.out;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.InterpreterCandidateReport;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks every interpreter candidate for a backend, in the order a launch would try them, and does not stop at the
 * first usable one: for a diagnosis that shows why each candidate would or would not be chosen.
 */
@FunctionalInterface
public interface InterpreterDiagnosis {

    /** Runs each candidate; may take seconds per candidate. Never throws for a broken candidate: it is reported. */
    Findings diagnose(BackendSpec backend);

    /**
     * @param candidates every candidate, in the order they are tried
     * @param chosen     the one a launch would use: the first usable candidate, if any
     */
    record Findings(List<InterpreterCandidateReport> candidates, Optional<InterpreterCandidateReport> chosen) {

        public Findings {
            candidates = List.copyOf(candidates);
            Objects.requireNonNull(chosen, "chosen");
            if (chosen.isPresent() && !candidates.contains(chosen.get())) {
                throw new IllegalArgumentException("the chosen interpreter must be one of the candidates");
            }
        }

        /** The findings for candidates in trial order: the first usable one is chosen, as a launch would. */
        public static Findings of(List<InterpreterCandidateReport> candidates) {
            return new Findings(candidates,
                    candidates.stream().filter(InterpreterCandidateReport::usable).findFirst());
        }
    }
}
