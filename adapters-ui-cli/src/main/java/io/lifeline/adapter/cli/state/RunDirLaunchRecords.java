package io.lifeline.adapter.cli.state;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.model.LaunchRecord;
import io.lifeline.domain.port.out.LaunchRecords;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.slf4j.LoggerFactory;
import java.util.Objects;
import java.util.Optional;

/**
 * The launch records Lifeline runs keep in the run folder ({@link RunStateFile}). A record proves something only when
 * this user wrote it and nobody else could have (the run folder's check), and only for the host and port it was
 * written for.
 */
public final class RunDirLaunchRecords implements LaunchRecords {

    private final Path runDir;

    public RunDirLaunchRecords(Path runDir) {
        this.runDir = Objects.requireNonNull(runDir, "runDir");
    }

    /** Kept unless another run's backend that still runs has the record of that port. */
    @Override
    public void keep(LaunchRecord record, CorrelationId correlationId, Instant launchedAt, LaunchMode mode) {
        try {
            Optional<RunRecord> existing = trusted(record.endpoint().port());
            if (existing.isPresent() && existing.get().pid() != record.pid() && existing.get().stillRuns()) {
                return;
            }
            Optional<Path> outputFile = mode instanceof LaunchMode.Detached detached
                    ? Optional.of(detached.outputFile()) : Optional.empty();
            RunStateFile.write(runDir, new RunRecord(record.pid(), record.processStart().map(Object::toString)
                    .orElse(null), record.endpoint().host(), record.endpoint().port(), correlationId.value(),
                    launchedAt.toString(), record.workingDir().toString(), outputFile.map(Path::toString).orElse(null),
                    record.secret(), outputFile.isPresent()));
        } catch (RuntimeException failed) {
            // A start must not fail because the run folder is not writable; the proof is then missing.
            LoggerFactory.getLogger(RunDirLaunchRecords.class).warn("launch record in {}: {}", runDir,
                    failed.toString());
        }
    }

    @Override
    public void forget(Endpoint endpoint, Set<Long> pids) {
        try {
            trusted(endpoint.port()).filter(state -> pids.contains(state.pid()))
                    .ifPresent(state -> RunStateFile.delete(runDir, endpoint.port()));
        } catch (RuntimeException failed) {
            LoggerFactory.getLogger(RunDirLaunchRecords.class).warn("launch record in {}: {}", runDir,
                    failed.toString());
        }
    }

    /** The record there, if this user wrote it for this port; anything else is replaced. */
    private Optional<RunRecord> trusted(int port) {
        try {
            return RunStateFile.read(runDir, port);
        } catch (UntrustedState | io.lifeline.adapter.cli.config.ConfigException untrusted) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<LaunchRecord> find(Endpoint endpoint) {
        Optional<RunRecord> state;
        try {
            state = RunStateFile.read(runDir, endpoint.port());
        } catch (RuntimeException untrustedOrUnreadable) {
            return Optional.empty();
        }
        return state.filter(recorded -> recorded.host().equals(endpoint.host()))
                .map(recorded -> new LaunchRecord(recorded.pid(), recorded.recordedStart(),
                        new Endpoint(recorded.host(), recorded.port()), Path.of(recorded.backendDir() == null ? ""
                        : recorded.backendDir()), recorded.secret() == null ? "" : recorded.secret()));
    }
}
