package io.lifeline.domain.operation;

import io.lifeline.domain.port.out.ProcessControl;

import java.time.Instant;
import java.util.Optional;

/**
 * A pid as an earlier run recorded it, and the one rule for "is that still the same process": its start time as
 * recorded matches the live process's. A live pid alone proves nothing: pids are reused, and a record without a start
 * time may have been written by anyone.
 */
final class RecordedProcess {

    /** What the recorded pid is now. */
    enum Match {
        /** No process has that pid. */
        GONE,
        /** A process has that pid, but the record has no start time to tell whether it is the recorded one. */
        UNPROVEN,
        /** A process has that pid, started at another time: the pid was reused. */
        REUSED,
        /** The recorded process, still running. */
        SAME
    }

    private RecordedProcess() {
    }

    static Match match(ProcessControl processes, long pid, Optional<Instant> startedAt) {
        Optional<Instant> startNow = processes.startOf(pid);
        if (startNow.isEmpty()) {
            return Match.GONE;
        }
        if (startedAt.isEmpty()) {
            return Match.UNPROVEN;
        }
        return startedAt.get().equals(startNow.get()) ? Match.SAME : Match.REUSED;
    }

    static boolean stillRunning(ProcessControl processes, long pid, Optional<Instant> startedAt) {
        return match(processes, pid, startedAt) == Match.SAME;
    }
}
