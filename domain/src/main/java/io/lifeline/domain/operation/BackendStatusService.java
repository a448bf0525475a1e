package io.lifeline.domain.operation;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.Ownership;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.in.CheckBackendStatusUseCase;
import io.lifeline.domain.port.out.HealthProbe;
import io.lifeline.domain.port.out.ProcessControl;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link CheckBackendStatusUseCase} over the health probe and process control ports. */
public final class BackendStatusService implements CheckBackendStatusUseCase {

    private final HealthProbe probe;
    private final ProcessControl processes;
    private final OwnershipVerifier ownership;

    public BackendStatusService(HealthProbe probe, ProcessControl processes, OwnershipVerifier ownership) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.processes = Objects.requireNonNull(processes, "processes");
        this.ownership = Objects.requireNonNull(ownership, "ownership");
    }

    @Override
    public CompletionStage<Ownership> owner(StartBackendCommand command, HealthReport report) {
        try {
            return ownership.verify(command, report).exceptionally(broken -> new Ownership.Refused(
                    "its ownership could not be checked: " + broken, Optional.empty(), false));
        } catch (RuntimeException broken) {
            return CompletableFuture.completedFuture(new Ownership.Refused("its ownership could not be checked: "
                    + broken, Optional.empty(), false));
        }
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
