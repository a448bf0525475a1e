package io.lifeline.domain.port.out.contract;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.port.out.HealthProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What every {@link HealthProbe} does, the fake as much as the real adapter: one request per probe, every outcome an
 * observation (the stage never completes exceptionally), a refused connection told apart from everything else, and
 * an answer that does not come within the timeout reported as {@link ProbeFailure.Kind#TIMEOUT}.
 *
 * <p>Each implementation's test extends this and plays the backends: a real server for the real probe, a script
 * for the fake.
 */
public abstract class HealthProbeContract {

    protected static final CorrelationId CORRELATION_ID = new CorrelationId("backend-startup-contract");
    protected static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** Short, for backends that never answer; the probe gives up after it. */
    protected static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    /**
     * A probe "always completes within about the timeout": this bound is that promise with room for a loaded
     * machine, and it keeps a probe that never completes from hanging the build.
     */
    protected static final Duration COMPLETES_WITHIN = Duration.ofSeconds(10);

    /** The probe under test. */
    protected abstract HealthProbe probe();

    /** A backend whose health endpoint answers every probe with {@code report}. */
    protected abstract Endpoint backendAnswering(HealthReport report);

    /** An endpoint on which nothing listens. */
    protected abstract Endpoint nothingListening();

    /** A backend that accepts the request and never answers. */
    protected abstract Endpoint backendThatNeverAnswers();

    /** Something that answers with an HTML page, not a health report (another web server holds the port). */
    protected abstract Endpoint otherServerAnsweringHtml();

    @Test
    void givenHealthyBackend_whenProbing_thenItsReport() {
        HealthReport answer = HealthReport.of("healthy", Map.of("database", "healthy", "cache", "healthy"));

        HealthObservation observation = probeAndWait(backendAnswering(answer), PROBE_TIMEOUT);

        assertThat(observation).isInstanceOfSatisfying(HealthReport.class, report -> {
            assertThat(report.answer().successful()).isTrue();
            assertThat(report.status()).isEqualTo("healthy");
            assertThat(report.services()).isEqualTo(answer.services());
        });
    }

    @Test
    void givenDegradedBackend_whenProbing_thenItsReportSaysDegraded() {
        HealthReport answer = HealthReport.of("degraded", Map.of("database", "degraded"));

        HealthObservation observation = probeAndWait(backendAnswering(answer), PROBE_TIMEOUT);

        assertThat(observation).isInstanceOfSatisfying(HealthReport.class, report -> {
            assertThat(report.status()).isEqualTo("degraded");
            assertThat(report.services()).containsExactlyEntriesOf(Map.of("database", "degraded"));
        });
    }

    @Test
    void givenNothingListens_whenProbing_thenConnectionRefused() {
        HealthObservation observation = probeAndWait(nothingListening(), PROBE_TIMEOUT);

        assertThat(kindOf(observation)).isEqualTo(ProbeFailure.Kind.CONNECTION_REFUSED);
    }

    @Test
    void givenBackendThatNeverAnswers_whenProbing_thenTimeoutInsteadOfWaitingOn() {
        HealthObservation observation = probeAndWait(backendThatNeverAnswers(), SHORT_TIMEOUT);

        assertThat(kindOf(observation)).isEqualTo(ProbeFailure.Kind.TIMEOUT);
    }

    @Test
    void givenOtherServerOnThePort_whenProbing_thenAFailureThatIsNeitherRefusedNorTimeout() {
        HealthObservation observation = probeAndWait(otherServerAnsweringHtml(), PROBE_TIMEOUT);

        // Not refused: something does hold the port. Not a timeout: it did answer.
        assertThat(kindOf(observation)).isNotIn(ProbeFailure.Kind.CONNECTION_REFUSED, ProbeFailure.Kind.TIMEOUT);
    }

    @Test
    void givenSeveralProbes_whenProbingInTurn_thenEachGetsItsOwnObservation() {
        Endpoint healthy = backendAnswering(HealthReport.of("healthy", Map.of("database", "healthy")));

        for (int probe = 1; probe <= 3; probe++) {
            assertThat(probeAndWait(healthy, PROBE_TIMEOUT)).as("probe %d", probe).isInstanceOf(HealthReport.class);
        }
    }

    private ProbeFailure.Kind kindOf(HealthObservation observation) {
        assertThat(observation).isInstanceOf(ProbeFailure.class);
        return ((ProbeFailure) observation).kind();
    }

    /** One probe; fails the test if the stage completes exceptionally or does not complete in time. */
    protected HealthObservation probeAndWait(Endpoint endpoint, Duration timeout) {
        CompletableFuture<HealthObservation> stage = probe().probe(endpoint, CORRELATION_ID, timeout)
                .toCompletableFuture();
        try {
            return stage.get(COMPLETES_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException broken) {
            return fail("a probe never completes exceptionally, but this one did", broken.getCause());
        } catch (TimeoutException hung) {
            return fail("a probe completes within about its timeout (" + timeout + "), this one not within "
                    + COMPLETES_WITHIN);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return fail("interrupted", interrupted);
        }
    }
}
