package io.lifeline.adapter.cli.testing;

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
public final class StatusEvents {

    public static final long START_MILLIS = 1_732_334_400_000L;
    public static final CorrelationId CORRELATION_ID = new CorrelationId("backend-startup-" + START_MILLIS);
    public static final Instant AT = Instant.ofEpochMilli(START_MILLIS);
    public static final Endpoint ENDPOINT = Endpoint.DEFAULT;
    public static final long PID = 4242;

    private StatusEvents() {
    }

    public static StatusEvent.Launching launchingFirstOfThree() {
        return new StatusEvent.Launching(CORRELATION_ID, AT, ENDPOINT, 1, 3, PID);
    }

    public static StatusEvent.Connected connectedOnFirstAttemptAfter(Duration elapsed) {
        return new StatusEvent.Connected(CORRELATION_ID, AT, ENDPOINT, OptionalLong.of(PID), 1, elapsed, false);
    }

    public static StatusEvent.Connected connectedWithoutPid() {
        return new StatusEvent.Connected(CORRELATION_ID, AT, ENDPOINT, OptionalLong.empty(), 2,
                Duration.ofMillis(2_345), false);
    }

    public static StatusEvent.Connected attachedToRunningBackend(OptionalLong pid) {
        return new StatusEvent.Connected(CORRELATION_ID, AT, ENDPOINT, pid, 0, Duration.ofMillis(12), true);
    }

    public static StatusEvent.Retrying retryingSecondOfThreeIn(Duration delay, StartupFailure cause) {
        return new StatusEvent.Retrying(CORRELATION_ID, AT, 2, 3, delay, cause);
    }

    public static StatusEvent.Degraded degraded(Map<String, String> services) {
        return new StatusEvent.Degraded(CORRELATION_ID, AT, services);
    }

    public static StatusEvent.Disconnected crashedAfterConnect(int exitCode, List<String> lastOutput) {
        return new StatusEvent.Disconnected(CORRELATION_ID, AT, OptionalLong.of(PID), OptionalInt.of(exitCode),
                lastOutput);
    }

    public static StatusEvent.Disconnected wentAwayWithoutTrace() {
        return new StatusEvent.Disconnected(CORRELATION_ID, AT, OptionalLong.empty(), OptionalInt.empty(), List.of());
    }

    public static StatusEvent.Failed failed(StartupFailure cause, int attempts, List<String> lastOutput) {
        return new StatusEvent.Failed(CORRELATION_ID, AT, cause, attempts, lastOutput);
    }

    public static StatusEvent.Stopped stopped(String detail) {
        return new StatusEvent.Stopped(CORRELATION_ID, AT, detail);
    }
}
