package io.lifeline.domain.operation;

import io.lifeline.domain.port.out.ProcessControl;

import java.time.Instant;
import java.util.Optional;

/** A pid as an earlier run recorded it, and the one rule for "is that still the same process". */
final class RecordedProcess {

    private RecordedProcess() {
    }

    static boolean stillRunning(ProcessControl processes, long pid, Optional<Instant> startedAt) {
        Optional<Instant> startNow = processes.startOf(pid);
        return startNow.isPresent() && startedAt.map(startNow.get()::equals).orElse(true);
    }
}
