package io.lifeline.domain.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Finds and stops a backend by pid, for one started by an earlier Lifeline run (a detached start). */
public interface ProcessControl {

    /** When the process with this pid started, if it runs; compare it to guard against a reused pid. */
    Optional<Instant> startOf(long pid);

    /** SIGTERM to the process and all its descendants, SIGKILL to what is left after {@code grace}. */
    CompletionStage<Void> stopTree(long pid, Duration grace);
}
