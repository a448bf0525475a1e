package io.lifeline.domain.operation;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.port.in.CheckBackendStatusUseCase;
import io.lifeline.domain.port.out.HealthProbe;
import io.lifeline.domain.port.out.ProcessControl;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** {@link CheckBackendStatusUseCase} over the health probe and process control ports. */
public final class BackendStatusService implements CheckBackendStatusUseCase {

    private final HealthProbe probe;
    private final ProcessControl processes;

    public BackendStatusService(HealthProbe probe, ProcessControl processes) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.processes = Objects.requireNonNull(processes, "processes");
    }

    @Override
    public CompletionStage<HealthObservation> probeOnce(Endpoint endpoint, CorrelationId correlationId,
                                                        Duration timeout) {
        return probe.probe(endpoint, correlationId, timeout);
    }

    @Override
    public Optional<Instant> startOf(long pid) {
        return processes.startOf(pid);
    }

    @Override
    public boolean stillRunning(long pid, Optional<Instant> startedAt) {
        return RecordedProcess.stillRunning(processes, pid, startedAt);
    }
}
