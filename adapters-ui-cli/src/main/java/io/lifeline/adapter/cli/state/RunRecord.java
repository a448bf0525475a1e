package io.lifeline.adapter.cli.state;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The record a {@code lifeline start} keeps in the run folder ({@link RunStateFile}), for {@code stop} and
 * {@code status}: which process serves which port. A detached run's record outlives the run; any other is removed
 * when its run ends.
 *
 * @param processStart when the OS says the process started; guards {@code stop} against a pid reused since
 * @param backendDir   the backend's working directory
 * @param secret       the run's secret, which the backend got as {@code LIFELINE_SECRET}; null in files of older
 *                     versions. Never shown or logged
 * @param detached     whether it was started with {@code start --detach} (and is to outlive that run); files of older
 *                     versions lack it, and were only written for detached backends
 */
public record RunRecord(long pid, String processStart, String host, int port, String correlationId,
                       String startedAt, String backendDir, String outputFile, String secret, Boolean detached) {

    public RunRecord {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive");
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** Whether the backend is meant to outlive the run that started it. */
    public boolean isDetached() {
        return detached == null || detached;
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "RunRecord[pid=" + pid + ", port=" + port + ", backendDir=" + backendDir + ", detached=" + isDetached()
                + "]";
    }

    /**
     * Whether the recorded process still runs: its pid is alive and started when recorded. A live pid alone is no
     * proof: pids are reused, and a record without a start time proves nothing.
     */
    public boolean stillRuns() {
        Optional<Instant> recorded = recordedStart();
        return recorded.isPresent() && ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(process -> process.info().startInstant()).map(recorded.get()::equals).orElse(false);
    }

    /**
     * When the process started, as recorded; empty when the file does not say (then nothing proves the pid). A value
     * that is no time at all matches no process: a pid is only trusted when its start matches.
     */
    public Optional<Instant> recordedStart() {
        if (processStart == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(processStart));
        } catch (DateTimeParseException notATime) {
            return Optional.of(Instant.MIN);
        }
    }
}
