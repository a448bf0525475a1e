package io.lifeline.domain.operation;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.InterpreterCandidateReport;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.port.out.InterpreterDiagnosis;
import io.lifeline.domain.port.out.ProgramCheck;
import io.lifeline.domain.model.ProgramNotFound;
import io.lifeline.domain.port.out.ProcessControl;
import io.lifeline.domain.testing.FakeHealthProbe;
import io.lifeline.domain.testing.HealthReports;
import io.lifeline.domain.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** The status and doctor use cases hand their questions to the right ports and the answers back unchanged. */
class OperationServicesTest {

    private static final Endpoint ENDPOINT = new Endpoint("127.0.0.1", 8765);
    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void givenAProbeAndProcesses_thenStatusProbesOnceAndTellsWhenAProcessStarted() {
        FakeHealthProbe probe = new FakeHealthProbe(new ManualClock()).answers(HealthReports.healthy());
        ProcessControl processes = new ProcessControl() {
            @Override
            public Optional<Instant> startOf(long pid) {
                return pid == 42 ? Optional.of(STARTED) : Optional.empty();
            }

            @Override
            public CompletionStage<Void> stopTree(long pid, Duration grace) {
                return CompletableFuture.completedFuture(null);
            }
        };
        BackendStatusService status = new BackendStatusService(probe, processes,
                io.lifeline.domain.operation.OwnershipVerifier.PROVING_NOTHING);

        HealthObservation observation = status.probeOnce(ENDPOINT, new CorrelationId("backend-status-1"),
                Duration.ofSeconds(1)).toCompletableFuture().join();

        assertThat(observation).isEqualTo(HealthReports.healthy());
        assertThat(probe.probes()).singleElement().extracting(FakeHealthProbe.Probe::endpoint).isEqualTo(ENDPOINT);
        assertThat(status.startOf(42)).contains(STARTED);
        assertThat(status.startOf(7)).isEmpty();
    }

    @Test
    void givenADiagnosisAPortOwnerAndAProgramCheck_thenTheDoctorGetsTheirAnswers() {
        InterpreterCandidateReport candidate = new InterpreterCandidateReport("/usr/bin/python3", "PATH", true,
                Optional.of("3.11.7"), Optional.of("/usr/bin/python3"), List.of(), "usable");
        InterpreterDiagnosis.Findings findings = InterpreterDiagnosis.Findings.of(List.of(candidate));
        PortHolder holder = new PortHolder(777, Optional.of("nginx"));
        BackendSpec backend = new BackendSpec(Path.of("/srv"), List.of("server"), List.of(), Optional.empty());
        ProgramCheck.Finding missing = new ProgramCheck.Finding("server",
                Optional.of(new ProgramNotFound("server", "PATH: /usr/bin")));
        SetupDiagnosisService doctor = new SetupDiagnosisService(spec -> findings,
                endpoint -> endpoint.equals(ENDPOINT) ? Optional.of(holder) : Optional.empty(),
                spec -> spec.equals(backend) ? missing : new ProgramCheck.Finding("other", Optional.empty()));

        assertThat(doctor.interpreters(backend)).isSameAs(findings);
        assertThat(doctor.program(backend)).isSameAs(missing);
        assertThat(doctor.holderOf(ENDPOINT)).contains(holder);
        assertThat(doctor.holderOf(new Endpoint("127.0.0.1", 1))).isEmpty();
    }
}
