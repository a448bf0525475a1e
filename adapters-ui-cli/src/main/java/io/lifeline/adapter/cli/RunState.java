package io.lifeline.adapter.cli;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code start --detach} leaves behind for {@code stop} and {@code status}: which process serves which port.
 *
 * @param processStart when the OS says the process started; guards {@code stop} against a pid reused since
 */
public record RunState(long pid, String processStart, String host, int port, String correlationId,
                       String startedAt, String backendDir, String outputFile) {

    public RunState {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive");
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    boolean startedAt(Instant processStartNow) {
        return processStart == null || processStart.equals(processStartNow.toString());
    }
}
