package io.lifeline.adapter.cli.state;

import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.out.StatusPublisher;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the launch record of this run's backend in the run directory: written when a backend is launched (its pid,
 * start time, working directory and the run's secret), removed when the run ends, unless the backend is detached and
 * was connected (then {@code lifeline stop} removes it). A record of a backend this run did not launch is never
 * touched.
 */
public final class LaunchRecorder implements StatusPublisher {

    private final Path runDir;
    private final Path workingDir;
    private final String secret;
    private final Optional<Path> outputFile;
    private final Set<Long> launched = ConcurrentHashMap.newKeySet();
    private volatile Integer port;

    /** @param outputFile where a detached backend's output goes; empty for an attached run */
    public LaunchRecorder(Path runDir, Path workingDir, String secret, Optional<Path> outputFile) {
        this.runDir = Objects.requireNonNull(runDir, "runDir");
        this.workingDir = Objects.requireNonNull(workingDir, "workingDir");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.outputFile = Objects.requireNonNull(outputFile, "outputFile");
    }

    @Override
    public void publish(StatusEvent event) {
        try {
            if (event instanceof StatusEvent.Launching launching) {
                record(launching);
            } else if (event instanceof StatusEvent.Stopped || event instanceof StatusEvent.Failed
                    || event instanceof StatusEvent.Disconnected) {
                forget();
            }
        } catch (RuntimeException failed) {
            // A start must not fail because the run directory is not writable; the proof is then missing.
            LoggerFactory.getLogger(LaunchRecorder.class).warn("launch record in {}: {}", runDir, failed.toString());
        }
    }

    private void record(StatusEvent.Launching launching) {
        long pid = launching.pid();
        launched.add(pid);
        port = launching.endpoint().port();
        Optional<RunRecord> existing = trusted(port);
        if (existing.isPresent() && !launched.contains(existing.get().pid()) && existing.get().stillRuns()) {
            // Another run's backend still runs (say, a hung one this run stopped trusting): its record stays.
            return;
        }
        String start = ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant()).map(Object::toString)
                .orElse(null);
        RunStateFile.write(runDir, new RunRecord(pid, start, launching.endpoint().host(), launching.endpoint().port(),
                launching.correlationId().value(), launching.timestamp().toString(), workingDir.toString(),
                outputFile.map(Path::toString).orElse(null), secret, outputFile.isPresent()));
    }

    /** The record there, if this user wrote it for this port; anything else is replaced. */
    private Optional<RunRecord> trusted(int recordedPort) {
        try {
            return RunStateFile.read(runDir, recordedPort);
        } catch (UntrustedState | io.lifeline.adapter.cli.config.ConfigException untrusted) {
            return Optional.empty();
        }
    }

    /** The run is over: its record goes, when it names one of this run's launches. */
    private void forget() {
        Integer recordedPort = port;
        if (recordedPort == null) {
            return;
        }
        trusted(recordedPort).filter(state -> launched.contains(state.pid()))
                .ifPresent(state -> RunStateFile.delete(runDir, recordedPort));
    }
}
