package io.lifeline.domain.testing;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.port.out.HealthProbe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A health probe whose answers the test scripts. It refuses the connection until told otherwise. Queued one-off
 * answers ({@link #answersNext}) come first, then the standing answer ({@link #answers}, {@link #answersBy}).
 * With {@link #holdAnswers()} probes stay pending until {@link #releaseHeld}. A standing answer function that throws
 * makes the probe complete exceptionally (a broken adapter). Every probe is recorded.
 */
public final class FakeHealthProbe implements HealthProbe {

    private final Clock clock;
    private final Deque<HealthObservation> queued = new ArrayDeque<>();
    private final Deque<CompletableFuture<HealthObservation>> held = new ArrayDeque<>();
    private final List<Probe> probes = new ArrayList<>();
    private Function<Instant, HealthObservation> standing = at -> ProbeFailures.refused();
    private boolean holding;

    public FakeHealthProbe(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One probe as the run made it. */
    public record Probe(Instant at, Endpoint endpoint, CorrelationId correlationId, Duration timeout) {
    }

    // ---- script ----

    /** From now on every probe sees {@code observation}. */
    public FakeHealthProbe answers(HealthObservation observation) {
        Objects.requireNonNull(observation, "observation");
        standing = at -> observation;
        return this;
    }

    /** From now on the answer depends on when the probe happens, e.g. healthy from second 3 on. */
    public FakeHealthProbe answersBy(Function<Instant, HealthObservation> answer) {
        standing = Objects.requireNonNull(answer, "answer");
        return this;
    }

    /** The next probes see these, one each, before the standing answer applies again. */
    public FakeHealthProbe answersNext(HealthObservation... observations) {
        queued.addAll(List.of(observations));
        return this;
    }

    /** From now on probes do not complete until the test releases them. */
    public FakeHealthProbe holdAnswers() {
        holding = true;
        return this;
    }

    /** Completes the oldest held probe with {@code observation}. */
    public void releaseHeld(HealthObservation observation) {
        CompletableFuture<HealthObservation> next = held.poll();
        if (next == null) {
            throw new IllegalStateException("no probe is held");
        }
        next.complete(observation);
    }

    // ---- HealthProbe ----

    @Override
    public CompletionStage<HealthObservation> probe(Endpoint endpoint, CorrelationId correlationId, Duration timeout) {
        Instant now = clock.instant();
        probes.add(new Probe(now, endpoint, correlationId, timeout));
        if (holding) {
            CompletableFuture<HealthObservation> pending = new CompletableFuture<>();
            held.add(pending);
            return pending;
        }
        if (!queued.isEmpty()) {
            return CompletableFuture.completedFuture(queued.poll());
        }
        try {
            return CompletableFuture.completedFuture(standing.apply(now));
        } catch (RuntimeException error) {
            // An answer function that throws plays a probe that breaks its contract by completing exceptionally.
            return CompletableFuture.failedFuture(error);
        }
    }

    // ---- observations ----

    public int probeCount() {
        return probes.size();
    }

    public List<Probe> probes() {
        return List.copyOf(probes);
    }

    public List<Instant> probeTimes() {
        return probes.stream().map(Probe::at).toList();
    }

    public int heldProbes() {
        return held.size();
    }
}
