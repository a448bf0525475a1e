package io.lifeline.adapter.cli.output;

import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.InertText;
import io.lifeline.domain.model.Ownership;
import io.lifeline.domain.model.StatusEvent;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one place a status event becomes words: the terminal's status line, the {@code detail} of the JSON event and
 * the log line all read {@link #line}. Dispatch is an exhaustive switch over {@link StatusEvent.Kind}, so a new event
 * does not compile until it has its words here.
 */
public final class StatusText {

    /** How an event feels, for colour: plain news, good news, a warning, bad news. */
    public enum Tone {
        NEUTRAL, GOOD, WARNING, BAD
    }

    private StatusText() {
    }

    /**
     * E.g. {@code connected on 127.0.0.1:8000 (pid 4242, attempt 1, 0.52 s)}; without the correlation id, which each
     * output adds in its own way.
     */
    public static String line(StatusEvent event) {
        return InertText.line(words(event));
    }

    /**
     * As {@link #line(StatusEvent)}, for a backend that uses no port (a job, a worker ready by its output): its launch
     * and readiness do not name the port it was given only to name its record.
     */
    public static String line(StatusEvent event, boolean usesPort) {
        if (usesPort) {
            return line(event);
        }
        if (event instanceof StatusEvent.Launching launching) {
            return InertText.line("launching backend (attempt " + launching.attempt() + "/" + launching.maxAttempts()
                    + ", pid " + launching.pid() + ")");
        }
        if (event instanceof StatusEvent.Connected connected && !connected.attached()) {
            return InertText.line("ready (" + connected.pid().stream().mapToObj(pid -> "pid " + pid + ", ")
                    .findFirst().orElse("") + "attempt " + connected.attempt() + ", "
                    + seconds(connected.elapsed().toMillis()) + ")");
        }
        return line(event);
    }

    private static String words(StatusEvent event) {
        // The casts cannot fail: each record answers its own kind (StatusEventTest checks it).
        return switch (event.kind()) {
            case LAUNCHING -> launching((StatusEvent.Launching) event);
            case CONNECTED -> connected((StatusEvent.Connected) event);
            case COMPLETED -> completed((StatusEvent.Completed) event);
            case RETRYING -> retrying((StatusEvent.Retrying) event);
            case UNHEALTHY -> "unhealthy: " + InertText.field(((StatusEvent.Unhealthy) event).reason())
                    + "; stopping it";
            case DEGRADED -> "degraded: " + services(((StatusEvent.Degraded) event).services());
            case DISCONNECTED -> disconnected((StatusEvent.Disconnected) event);
            case FAILED -> failed((StatusEvent.Failed) event);
            case SKIPPED -> "skipped, not launched: " + InertText.line(((StatusEvent.Skipped) event).reason());
            case STOPPED -> "stopped: " + InertText.line(((StatusEvent.Stopped) event).detail());
        };
    }

    public static Tone tone(StatusEvent.Kind kind) {
        return switch (kind) {
            case LAUNCHING -> Tone.NEUTRAL;
            case CONNECTED, COMPLETED, STOPPED -> Tone.GOOD;
            case RETRYING, DEGRADED, SKIPPED -> Tone.WARNING;
            case FAILED, DISCONNECTED, UNHEALTHY -> Tone.BAD;
        };
    }

    /** What a live line says while the start goes on; empty once it is decided. */
    public static Optional<String> phase(StatusEvent event) {
        return switch (event.kind()) {
            case LAUNCHING -> {
                StatusEvent.Launching launching = (StatusEvent.Launching) event;
                yield Optional.of("waiting for health (attempt " + launching.attempt() + "/"
                        + launching.maxAttempts() + ")");
            }
            case RETRYING -> {
                StatusEvent.Retrying retrying = (StatusEvent.Retrying) event;
                yield Optional.of((retrying.restart() > 0 ? "restarting" : "retrying") + " (attempt "
                        + retrying.nextAttempt() + "/" + retrying.maxAttempts() + ")");
            }
            case CONNECTED, COMPLETED, UNHEALTHY, DEGRADED, DISCONNECTED, FAILED, SKIPPED, STOPPED ->
                    Optional.empty();
        };
    }

    private static String launching(StatusEvent.Launching launching) {
        return "launching backend for " + launching.endpoint() + " (attempt " + launching.attempt() + "/"
                + launching.maxAttempts() + ", pid " + launching.pid() + ")";
    }

    private static String connected(StatusEvent.Connected connected) {
        String pid = connected.pid().isPresent() ? "pid " + connected.pid().getAsLong() : "pid unknown";
        if (connected.attached()) {
            return "connected on " + connected.endpoint() + " (attached to the backend already running, " + pid
                    + connected.proof().map(proof -> "; ours: " + proof.proof().words()).orElse("") + ")";
        }
        // Said, never claimed: a launch nothing could prove is the one answering says so on its line.
        String unproven = connected.proof().filter(proof -> proof.proof() == Ownership.Proof.NONE)
                .map(proof -> "; " + proof.proof().words()).orElse("");
        return "connected on " + connected.endpoint() + " (" + pid + ", attempt " + connected.attempt() + ", "
                + seconds(connected.elapsed().toMillis()) + unproven + ")";
    }

    private static String completed(StatusEvent.Completed completed) {
        return "completed: exited with code 0 (pid " + completed.pid() + ", attempt " + completed.attempt() + ", "
                + seconds(completed.elapsed().toMillis()) + ")";
    }

    private static String retrying(StatusEvent.Retrying retrying) {
        if (retrying.restart() > 0) {
            return "restarting in " + Durations.format(retrying.delay()) + " (restart " + retrying.restart() + "): "
                    + retrying.cause().summary();
        }
        return "retrying in " + Durations.format(retrying.delay()) + " (attempt " + retrying.nextAttempt() + "/"
                + retrying.maxAttempts() + "): " + retrying.cause().summary();
    }

    private static String disconnected(StatusEvent.Disconnected disconnected) {
        String code = disconnected.exitCode().isPresent()
                ? "exited with code " + disconnected.exitCode().getAsInt() : "went away";
        String pid = disconnected.pid().isPresent() ? " (pid " + disconnected.pid().getAsLong() + ")" : "";
        String last = disconnected.lastOutput().isEmpty() ? ""
                : "; last output: " + InertText.field(disconnected.lastOutput()
                        .get(disconnected.lastOutput().size() - 1));
        return "disconnected: the backend" + pid + " " + code + last;
    }

    private static String failed(StatusEvent.Failed failed) {
        return "failed after " + failed.attempts() + (failed.attempts() == 1 ? " attempt: " : " attempts: ")
                + failed.cause().summary();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static String services(Map<String, String> services) {
        return new TreeMap<>(services).entrySet().stream().map(entry -> InertText.field(entry.getKey()) + ": " + InertText.field(entry.getValue()))
                .collect(Collectors.joining(", "));
    }
}
