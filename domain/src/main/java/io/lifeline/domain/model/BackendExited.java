package io.lifeline.domain.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/** A connected backend exited on its own. */
public record BackendExited(OptionalInt exitCode, List<String> lastOutput) implements StartupFailure {
    public BackendExited {
        Objects.requireNonNull(exitCode, "exitCode");
        lastOutput = List.copyOf(lastOutput);
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.BACKEND_EXITED;
    }

    @Override
    public String summary() {
        String code = exitCode.isPresent() ? "with code " + exitCode.getAsInt() : "";
        String last = lastOutput.isEmpty() ? "" : ": " + InertText.field(lastOutput.get(lastOutput.size() - 1));
        return ("Backend exited " + code).strip() + last;
    }

    @Override
    public String remedy(SettingNames settings) {
        return "Read the backend's last output and the log file for why it exited";
    }
}
