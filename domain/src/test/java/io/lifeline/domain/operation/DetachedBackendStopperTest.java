package io.lifeline.domain.operation;

import io.lifeline.domain.port.in.StopDetachedBackendUseCase.Outcome;
import io.lifeline.domain.port.out.ProcessControl;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** The stop and status use cases never touch a pid that now belongs to another process. */
class DetachedBackendStopperTest {

    private static final Instant STARTED = Instant.parse("2024-11-23T04:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final List<Long> stopped = new ArrayList<>();

    private ProcessControl processes(Map<Long, Instant> running) {
        return new ProcessControl() {
            @Override
            public Optional<Instant> startOf(long pid) {
                return Optional.ofNullable(running.get(pid));
            }

            @Override
            public CompletionStage<Void> stopTree(long pid, Duration grace) {
                stopped.add(pid);
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    @Test
    void givenTheRecordedProcessRuns_whenStopping_thenItsTreeIsStopped() {
        Outcome outcome = new DetachedBackendStopper(processes(Map.of(42L, STARTED)))
                .stop(42, Optional.of(STARTED), GRACE).toCompletableFuture().join();

        assertThat(outcome).isEqualTo(Outcome.STOPPED);
        assertThat(stopped).containsExactly(42L);
    }

    @Test
    void givenThePidWasReusedByAnotherProcess_whenStopping_thenNothingIsStopped() {
        Outcome outcome = new DetachedBackendStopper(processes(Map.of(42L, STARTED.plusSeconds(60))))
                .stop(42, Optional.of(STARTED), GRACE).toCompletableFuture().join();

        assertThat(outcome).isEqualTo(Outcome.PID_REUSED);
        assertThat(stopped).isEmpty();
    }

    @Test
    void givenThePidIsGone_whenStopping_thenNotRunning() {
        Outcome outcome = new DetachedBackendStopper(processes(Map.of()))
                .stop(42, Optional.empty(), GRACE).toCompletableFuture().join();

        assertThat(outcome).isEqualTo(Outcome.NOT_RUNNING);
        assertThat(stopped).isEmpty();
    }

    @Test
    void givenARecordWithoutStartTime_whenStoppingALivePid_thenNothingIsStopped() {
        Outcome outcome = new DetachedBackendStopper(processes(Map.of(42L, STARTED)))
                .stop(42, Optional.empty(), GRACE).toCompletableFuture().join();

        assertThat(outcome).isEqualTo(Outcome.UNPROVEN);
        assertThat(stopped).isEmpty();
    }

    @Test
    void givenAnUnknownStartTime_whenAskingWhetherItRuns_thenALivePidAloneIsNoProof() {
        BackendStatusService status = new BackendStatusService((endpoint, id, timeout) -> {
            throw new AssertionError("not probed");
        }, processes(Map.of(42L, STARTED)), io.lifeline.domain.operation.OwnershipVerifier.PROVING_NOTHING);

        assertThat(status.stillRunning(42, Optional.empty())).isFalse();
        assertThat(status.stillRunning(42, Optional.of(STARTED))).isTrue();
        assertThat(status.stillRunning(42, Optional.of(STARTED.minusSeconds(1)))).isFalse();
        assertThat(status.stillRunning(7, Optional.empty())).isFalse();
    }
}
