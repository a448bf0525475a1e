package io.lifeline.adapter.http;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.port.out.HealthProbe;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs probes in tests so that a bug fails the test instead of hanging the build. */
final class ProbeRuns {

    private static final long GIVE_UP_SECONDS = 10;

    private ProbeRuns() {
    }

    static HealthObservation probeAndWait(HealthProbe probe, Endpoint endpoint, CorrelationId correlationId,
                                          Duration timeout) {
        try {
            return probe.probe(endpoint, correlationId, timeout).toCompletableFuture()
                    .get(GIVE_UP_SECONDS, TimeUnit.SECONDS);
        } catch (Exception failed) {
            throw new AssertionError("the probe must complete normally within " + GIVE_UP_SECONDS + "s", failed);
        }
    }
}
