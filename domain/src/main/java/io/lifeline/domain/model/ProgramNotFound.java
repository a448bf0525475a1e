package io.lifeline.domain.model;

import java.util.Objects;

/**
 * The backend's program does not exist: no such file, or no such command on the search path.
 *
 * @param program    the program as the command names it
 * @param lookedHere where it was looked for: the path it resolves to, or the search path
 */
public record ProgramNotFound(String program, String lookedHere) implements StartupFailure {
    public ProgramNotFound {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(lookedHere, "lookedHere");
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.PROGRAM_NOT_FOUND;
    }

    @Override
    public String summary() {
        return "Backend program not found: " + program + " (looked in " + lookedHere + ")";
    }

    @Override
    public String remedy(SettingNames settings) {
        return "Install it, or fix the program in " + settings.of(RemedySetting.COMMAND)
                + " (a path is relative to " + settings.of(RemedySetting.WORKING_DIR) + "; a bare name is looked up on PATH)";
    }
}
