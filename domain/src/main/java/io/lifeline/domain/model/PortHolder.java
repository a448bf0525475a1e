package io.lifeline.domain.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The process that listens on a port, as far as the operating system tells.
 *
 * @param pid         its process id
 * @param commandLine its command line, when the OS shows it to us
 */
public record PortHolder(long pid, Optional<String> commandLine) {

    public PortHolder {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, was " + pid);
        }
        Objects.requireNonNull(commandLine, "commandLine");
    }

    public String describe() {
        return "pid " + pid + commandLine.map(command -> " (" + InertText.field(command) + ")").orElse("");
    }
}
