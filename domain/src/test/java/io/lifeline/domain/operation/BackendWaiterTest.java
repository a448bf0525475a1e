package io.lifeline.domain.operation;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.HealthTimeout;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.model.UnhealthyServices;
import io.lifeline.domain.port.in.WaitForBackendUseCase.Outcome;
import io.lifeline.domain.service.FailureClassifier;
import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.testing.FakeHealthProbe;
import io.lifeline.domain.testing.ManualClock;
import io.lifeline.domain.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import static io.lifeline.domain.testing.HealthReports.cacheUnhealthy;
import static io.lifeline.domain.testing.HealthReports.databaseDegraded;
import static io.lifeline.domain.testing.HealthReports.healthy;
import static io.lifeline.domain.testing.ProbeFailures.refused;
import static org.assertj.core.api.Assertions.assertThat;

class BackendWaiterTest {

    private static final Endpoint ENDPOINT = new Endpoint("127.0.0.1", 8123);
    private static final CorrelationId ID = new CorrelationId("wait-1");
    private static final TimeoutPolicy TIMEOUTS = new TimeoutPolicy(Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofMillis(500));

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeHealthProbe probe = new FakeHealthProbe(clock);
    private final BackendWaiter waiter = new BackendWaiter(probe, scheduler, clock,
            new FailureClassifier(BackendProfile.GENERIC));

    @Test
    void givenRefusedThenHealthy_thenReadyAfterTheProbeIntervalBetweenAnswers() {
        probe.answersNext(refused(), refused()).answers(healthy());

        CompletableFuture<Outcome> outcome = start(HealthAcceptance.DEFAULT);
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(outcome).isCompletedWithValueMatching(result -> result instanceof Outcome.Ready ready
                && ready.probes() == 3 && ready.waited().equals(Duration.ofSeconds(1))
                && ready.verdict() instanceof HealthVerdict.Healthy);
        assertThat(probe.probeTimes()).containsExactly(clock.start(), clock.at(Duration.ofMillis(500)),
                clock.at(Duration.ofSeconds(1)));
    }

    @Test
    void givenAnUnhealthyServiceUntilTheDeadline_thenNotReadyBecauseOfIt_notATimeout() {
        probe.answers(cacheUnhealthy());

        CompletableFuture<Outcome> outcome = start(HealthAcceptance.DEFAULT);
        scheduler.advance(Duration.ofSeconds(10));

        assertThat(outcome).isCompletedWithValueMatching(result -> result instanceof Outcome.NotReady notReady
                && notReady.cause() instanceof UnhealthyServices);
        assertThat(probe.probes()).as("every 0.5 s until the deadline").hasSize(20);
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void givenDegraded_thenReadyOnlyWhenDegradedIsAccepted() {
        probe.answers(databaseDegraded());

        CompletableFuture<Outcome> strict = start(HealthAcceptance.DEFAULT);
        CompletableFuture<Outcome> lenient = start(HealthAcceptance.DEFAULT.withAcceptDegraded(true));

        assertThat(lenient).isCompletedWithValueMatching(result -> result instanceof Outcome.Ready);
        assertThat(strict).isNotDone();
    }

    @Test
    void givenNothingEverAnswers_thenHealthTimeoutWithTheLastObservation() {
        CompletableFuture<Outcome> outcome = start(HealthAcceptance.DEFAULT);
        scheduler.advance(Duration.ofSeconds(10));

        assertThat(outcome).isCompletedWithValueMatching(result -> result instanceof Outcome.NotReady notReady
                && notReady.cause().equals(new HealthTimeout(Duration.ofSeconds(10), Duration.ofSeconds(2),
                Optional.of(new HealthVerdict.Unreachable(refused())))));
    }

    @Test
    void givenAnotherServiceAnswers_thenNotReadyAtOnce_itWillNotBecomeOurs() {
        probe.answers(new HealthReport(HealthReport.Answer.SUCCESS, "healthy", Map.of(), Optional.of("someone-else"),
                OptionalLong.empty(), Optional.empty(), Optional.empty()));

        CompletableFuture<Outcome> outcome = start(HealthAcceptance.DEFAULT.withExpectedService("lifeline-fixture"));

        assertThat(outcome).isCompletedWithValueMatching(result -> result instanceof Outcome.NotReady notReady
                && notReady.cause() instanceof PortInUse && notReady.probes() == 1);
    }

    @Test
    void givenTheDeadlineIsNear_thenTheLastProbeTimeoutIsWhatIsLeft() {
        TimeoutPolicy shortWait = new TimeoutPolicy(Duration.ofSeconds(2), Duration.ofMillis(700),
                Duration.ofMillis(500));
        CompletableFuture<Outcome> outcome = waiter.waitUntilReady(ENDPOINT, ID, HealthAcceptance.DEFAULT, shortWait)
                .toCompletableFuture();

        scheduler.advance(Duration.ofMillis(700));

        assertThat(probe.probes()).extracting(FakeHealthProbe.Probe::timeout)
                .containsExactly(Duration.ofMillis(700), Duration.ofMillis(200));
        assertThat(outcome).isCompleted();
    }

    @Test
    void givenTheLastProbeIsCutShortByTheDeadlineAndTimesOut_thenTheEarlierAnswerIsTheCause() {
        TimeoutPolicy shortWait = new TimeoutPolicy(Duration.ofSeconds(2), Duration.ofMillis(700),
                Duration.ofMillis(500));
        probe.answersNext(cacheUnhealthy(), io.lifeline.domain.testing.ProbeFailures.timedOut());

        CompletableFuture<Outcome> outcome = waiter.waitUntilReady(ENDPOINT, ID, HealthAcceptance.DEFAULT, shortWait)
                .toCompletableFuture();
        scheduler.advance(Duration.ofMillis(700));

        assertThat(outcome).isCompletedWithValueMatching(result -> result instanceof Outcome.NotReady notReady
                && notReady.cause() instanceof UnhealthyServices);
    }

    private CompletableFuture<Outcome> start(HealthAcceptance acceptance) {
        return waiter.waitUntilReady(ENDPOINT, ID, acceptance, TIMEOUTS).toCompletableFuture();
    }
}
