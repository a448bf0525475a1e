package io.lifeline.domain.port.out;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.StartupFailure;

import java.util.Objects;
import java.util.Optional;

/** Finds the program a backend's command would run, as a launch would, without running it. */
@FunctionalInterface
public interface ProgramCheck {

    Finding check(BackendSpec backend);

    /**
     * @param program what runs: the file the program resolved to, or the command's program as written
     * @param problem why a launch could not run it, if it could not
     */
    record Finding(String program, Optional<StartupFailure> problem) {
        public Finding {
            Objects.requireNonNull(program, "program");
            Objects.requireNonNull(problem, "problem");
        }
    }
}
