package io.lifeline.adapter.cli.state;

import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.LaunchRecord;
import io.lifeline.domain.port.out.LaunchRecords;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;

/** The launch records Lifeline runs keep in the run directory ({@link RunStateFile}). */
public final class RunDirLaunchRecords implements LaunchRecords {

    private final Path runDir;

    public RunDirLaunchRecords(Path runDir) {
        this.runDir = Objects.requireNonNull(runDir, "runDir");
    }

    @Override
    public Optional<LaunchRecord> find(Endpoint endpoint) {
        Optional<RunState> state;
        try {
            if (!ours(RunStateFile.path(runDir, endpoint.port()))) {
                return Optional.empty();
            }
            state = RunStateFile.read(runDir, endpoint.port());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        return state.map(recorded -> new LaunchRecord(recorded.pid(), recorded.recordedStart(),
                new Endpoint(recorded.host(), recorded.port()), Path.of(recorded.backendDir() == null ? ""
                : recorded.backendDir()), recorded.secret() == null ? "" : recorded.secret()));
    }

    /**
     * A record proves something only when this user wrote it and nobody else could have: owned by us, and writable
     * by nobody else. In a shared run directory another user could plant one naming their own process.
     */
    static boolean ours(Path file) {
        if (!Files.exists(file)) {
            return true;
        }
        try {
            if (!Files.getOwner(file).getName().equals(System.getProperty("user.name"))) {
                return false;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return !permissions.contains(PosixFilePermission.GROUP_WRITE)
                    && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException notPosix) {
            return true;
        } catch (IOException | SecurityException unreadable) {
            return false;
        }
    }
}
