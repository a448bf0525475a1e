package io.lifeline.domain.operation;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.port.in.WaitForBackendUseCase;
import io.lifeline.domain.port.out.HealthProbe;
import io.lifeline.domain.port.out.Scheduler;
import io.lifeline.domain.service.FailureClassifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link WaitForBackendUseCase}: one probe at a time, the next one a probe interval after the last answer, until the
 * acceptance accepts an answer or the startup timeout has passed; then the last answer is the cause, classified as a
 * start classifies it. Another service answering ends the wait at once: that is not going to become ours.
 */
public final class BackendWaiter implements WaitForBackendUseCase {

    private final HealthProbe probe;
    private final Scheduler scheduler;
    private final Clock clock;
    private final FailureClassifier classifier;

    public BackendWaiter(HealthProbe probe, Scheduler scheduler, Clock clock, FailureClassifier classifier) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
    }

    @Override
    public CompletionStage<Outcome> waitUntilReady(Endpoint endpoint, CorrelationId correlationId,
                                                   HealthAcceptance acceptance, TimeoutPolicy timeouts) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Instant start = clock.instant();
        new Waiting(endpoint, correlationId, acceptance, timeouts, start, start.plus(timeouts.startupTimeout()),
                outcome).probe(1);
        return outcome;
    }

    private final class Waiting {
        private final Endpoint endpoint;
        private final CorrelationId correlationId;
        private final HealthAcceptance acceptance;
        private final TimeoutPolicy timeouts;
        private final Instant start;
        private final Instant deadline;
        private final CompletableFuture<Outcome> outcome;

        /** The last verdict of a probe the deadline did not cut short: the cause when the wait ends. */
        private HealthVerdict lastFair;

        Waiting(Endpoint endpoint, CorrelationId correlationId, HealthAcceptance acceptance, TimeoutPolicy timeouts,
                Instant start, Instant deadline, CompletableFuture<Outcome> outcome) {
            this.endpoint = endpoint;
            this.correlationId = correlationId;
            this.acceptance = acceptance;
            this.timeouts = timeouts;
            this.start = start;
            this.deadline = deadline;
            this.outcome = outcome;
        }

        void probe(int number) {
            Duration left = Duration.between(clock.instant(), deadline);
            boolean cutShort = left.compareTo(timeouts.probeTimeout()) < 0;
            Duration timeout = cutShort ? left : timeouts.probeTimeout();
            CompletionStage<HealthObservation> answer;
            try {
                answer = probe.probe(endpoint, correlationId, timeout);
            } catch (RuntimeException broken) {
                outcome.completeExceptionally(broken);
                return;
            }
            answer.whenComplete((observation, error) -> {
                if (error != null) {
                    outcome.completeExceptionally(error);
                    return;
                }
                answered(number, acceptance.evaluate(observation), cutShort);
            });
        }

        /** The deadline ends the wait as it ends a start attempt: no probe starts that it would cut short. */
        private void answered(int number, HealthVerdict verdict, boolean cutShort) {
            Instant now = clock.instant();
            // A probe the deadline cut short says nothing about the backend: an earlier answer is the better cause.
            boolean timedOutEarly = cutShort && verdict instanceof HealthVerdict.Unreachable unreachable
                    && unreachable.failure().kind() == ProbeFailure.Kind.TIMEOUT;
            if (!timedOutEarly || lastFair == null) {
                lastFair = verdict;
            }
            Outcome notReady = new Outcome.NotReady(classifier.classifyTimeout(timeouts, Optional.of(lastFair)),
                    number);
            if (acceptance.accepts(verdict)) {
                outcome.complete(new Outcome.Ready(verdict, Duration.between(start, now), number));
            } else if (verdict instanceof HealthVerdict.Foreign) {
                outcome.complete(new Outcome.NotReady(new PortInUse(endpoint, verdict.describe()), number));
            } else if (!now.isBefore(deadline)) {
                outcome.complete(notReady);
            } else if (now.plus(timeouts.probeInterval()).isBefore(deadline)) {
                scheduler.schedule(timeouts.probeInterval(), () -> probe(number + 1));
            } else {
                scheduler.schedule(Duration.between(now, deadline), () -> outcome.complete(notReady));
            }
        }
    }
}
