package io.lifeline.domain.model;

import java.util.List;

public record ExitedDuringStartup(int exitCode, List<String> lastOutput) implements StartupFailure {
    public ExitedDuringStartup {
        lastOutput = List.copyOf(lastOutput);
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.EXITED_DURING_STARTUP;
    }

    @Override
    public String summary() {
        String last = lastOutput.isEmpty() ? "" : ": " + InertText.field(lastOutput.get(lastOutput.size() - 1));
        return "Backend exited during startup with code " + exitCode + last;
    }

    @Override
    public String remedy(SettingNames settings) {
        return "Read the backend's last output below and the log file; run the backend by hand to see it fail";
    }
}
