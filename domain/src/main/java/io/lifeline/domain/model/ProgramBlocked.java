package io.lifeline.domain.model;

import java.util.Objects;

/**
 * The operating system refused to run the backend's program although it looks executable: permission denied. This
 * is how an antivirus or a security policy blocking execution shows up.
 *
 * @param program the program that was refused
 * @param denial  the operating system's own words
 */
public record ProgramBlocked(String program, String denial) implements StartupFailure {
    public ProgramBlocked {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(denial, "denial");
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.PERMISSION_DENIED;
    }

    @Override
    public String summary() {
        return "Permission denied running the backend program " + program + ": " + denial;
    }

    @Override
    public String remedy(SettingNames settings) {
        return "Check that you may run it (its permissions and those of its folders; a noexec mount). An antivirus"
                + " or security policy (Windows Defender, SmartScreen, Gatekeeper, SELinux, AppArmor) blocking"
                + " execution looks the same: allow " + program + " there, then start again";
    }
}
