package io.lifeline.domain.model;

/** The operating system refused to start the process at all. */
public record LaunchFailed(String command, String reason) implements StartupFailure {
    @Override
    public FailureClass failureClass() {
        return FailureClass.LAUNCH_FAILED;
    }

    @Override
    public String summary() {
        return "Could not start the backend process: " + reason;
    }

    @Override
    public String remedy(SettingNames settings) {
        return "Check that this command runs by hand: " + command;
    }
}
