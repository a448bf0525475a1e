package io.lifeline.domain.model;

import java.util.Objects;

/**
 * The backend's program exists but is not something that can be run: a folder, or a file without execute
 * permission.
 *
 * @param path   the file the program resolved to
 * @param reason what it is instead, e.g. "it is a folder"
 */
public record ProgramNotExecutable(String path, String reason) implements StartupFailure {

    /** The reason for a folder given as the program. */
    public static final String A_FOLDER = "it is a folder";

    public ProgramNotExecutable {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.PROGRAM_NOT_EXECUTABLE;
    }

    @Override
    public String summary() {
        return "Backend program cannot be run: " + path + " (" + reason + ")";
    }

    @Override
    public String remedy(SettingNames settings) {
        if (reason.equals(A_FOLDER)) {
            return "Point " + settings.of(RemedySetting.COMMAND) + " at the program inside that folder, not the folder";
        }
        return "Make it executable (chmod +x " + path + "), or point " + settings.of(RemedySetting.COMMAND)
                + " at the program itself";
    }
}
