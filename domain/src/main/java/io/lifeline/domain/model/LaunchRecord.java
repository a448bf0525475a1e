package io.lifeline.domain.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Lifeline run records about the backend it launched on a port, so a later run can prove that backend is
 * ours: the process (its start time guards against a reused pid) and the run's secret, which the backend got in its
 * environment and can prove it knows.
 */
public record LaunchRecord(long pid, Optional<Instant> processStart, Endpoint endpoint, Path workingDir,
                           String secret) {
    public LaunchRecord {
        Objects.requireNonNull(processStart, "processStart");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(secret, "secret");
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "LaunchRecord[pid=" + pid + ", processStart=" + processStart + ", endpoint=" + endpoint
                + ", workingDir=" + workingDir + "]";
    }
}
