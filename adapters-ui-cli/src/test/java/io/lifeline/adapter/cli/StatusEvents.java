package io.lifeline.adapter.cli;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StatusEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Object mother for status events of one run, all with the same fixed correlation id and time. */
final class StatusEvents {

    static final long START_MILLIS = 1_732_334_400_000L;
    static final CorrelationId CORRELATION_ID = new CorrelationId("backend-startup-" + START_MILLIS);
    static final Instant AT = Instant.ofEpochMilli(START_MILLIS);
    static final Endpoint ENDPOINT = Endpoint.DEFAULT;
    static final long PID = 4242;

    private StatusEvents() {
    }

    static StatusEvent.Launching launchingFirstOfThree() {
        return new StatusEvent.Launching(CORRELATION_ID, AT, ENDPOINT, 1, 3, PID);
    }

    static StatusEvent.Connected connectedOnFirstAttemptAfter(Duration elapsed) {
        return new StatusEvent.Connected(CORRELATION_ID, AT, ENDPOINT, OptionalLong.of(PID), 1, elapsed, false);
    }

    static StatusEvent.Connected connectedWithoutPid() {
        return new StatusEvent.Connected(CORRELATION_ID, AT, ENDPOINT, OptionalLong.empty(), 2,
                Duration.ofMillis(2_345), false);
    }

    static StatusEvent.Connected attachedToRunningBackend(OptionalLong pid) {
        return new StatusEvent.Connected(CORRELATION_ID, AT, ENDPOINT, pid, 0, Duration.ofMillis(12), true);
    }

    static StatusEvent.Retrying retryingSecondOfThreeIn(Duration delay, StartupFailure cause) {
        return new StatusEvent.Retrying(CORRELATION_ID, AT, 2, 3, delay, cause);
    }

    static StatusEvent.Degraded degraded(Map<String, String> services) {
        return new StatusEvent.Degraded(CORRELATION_ID, AT, services);
    }

    static StatusEvent.Disconnected crashedAfterConnect(int exitCode, List<String> lastOutput) {
        return new StatusEvent.Disconnected(CORRELATION_ID, AT, OptionalLong.of(PID), OptionalInt.of(exitCode),
                lastOutput);
    }

    static StatusEvent.Disconnected wentAwayWithoutTrace() {
        return new StatusEvent.Disconnected(CORRELATION_ID, AT, OptionalLong.empty(), OptionalInt.empty(), List.of());
    }

    static StatusEvent.Failed failed(StartupFailure cause, int attempts, List<String> lastOutput) {
        return new StatusEvent.Failed(CORRELATION_ID, AT, cause, attempts, lastOutput);
    }

    static StatusEvent.Stopped stopped(String detail) {
        return new StatusEvent.Stopped(CORRELATION_ID, AT, detail);
    }
}
