package io.lifeline.adapter.process;

import java.util.List;

/**
 * One way to run Python: its command prefix ({@code [/usr/bin/python3]} or {@code [py, -3]}) and where it came from.
 */
public record InterpreterCandidate(List<String> command, String origin) {

    public InterpreterCandidate {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("interpreter command must not be empty");
        }
    }

    public String display() {
        return String.join(" ", command);
    }
}
