package io.lifeline.adapter.cli.state;

import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.LaunchRecord;
import io.lifeline.domain.port.out.LaunchRecords;

import java.nio.file.Path;
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
