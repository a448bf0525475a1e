package io.lifeline.adapter.cli;

import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.out.StatusPublisher;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Status lines for a person at a terminal, e.g.
 * {@code [backend-startup-1732334400000] connected on 127.0.0.1:8000 (pid 4242, attempt 1, 0.52 s)}.
 * A failure adds the full report on stderr.
 */
public final class TerminalStatusNotifier implements StatusPublisher {

    private final PrintStream out;
    private final PrintStream err;
    private final LifelineConfig config;

    public TerminalStatusNotifier(PrintStream out, PrintStream err, LifelineConfig config) {
        this.out = out;
        this.err = err;
        this.config = config;
    }

    @Override
    public synchronized void publish(StatusEvent event) {
        out.println("[" + event.correlationId() + "] " + line(event));
        out.flush();
        if (event instanceof StatusEvent.Failed failed) {
            err.print(FailureReport.render(failed, config.endpoint(), config.retry().maxAttempts(),
                    config.backend().directory(), config.logFile()));
            err.flush();
        }
    }

    static String line(StatusEvent event) {
        if (event instanceof StatusEvent.Launching launching) {
            return "launching backend for " + launching.endpoint() + " (attempt " + launching.attempt() + "/"
                    + launching.maxAttempts() + ", pid " + launching.pid() + ")";
        }
        if (event instanceof StatusEvent.Connected connected) {
            String pid = connected.pid().isPresent() ? "pid " + connected.pid().getAsLong() : "pid unknown";
            if (connected.attached()) {
                return "connected on " + connected.endpoint() + " (attached to the backend already running, " + pid
                        + ")";
            }
            return "connected on " + connected.endpoint() + " (" + pid + ", attempt " + connected.attempt() + ", "
                    + seconds(connected.elapsed().toMillis()) + ")";
        }
        if (event instanceof StatusEvent.Retrying retrying && retrying.restart() > 0) {
            return "restarting in " + Durations.format(retrying.delay()) + " (restart " + retrying.restart() + "): "
                    + retrying.cause().summary();
        }
        if (event instanceof StatusEvent.Unhealthy unhealthy) {
            return "unhealthy: " + unhealthy.reason() + "; stopping it";
        }
        if (event instanceof StatusEvent.Retrying retrying) {
            return "retrying in " + Durations.format(retrying.delay()) + " (attempt " + retrying.nextAttempt() + "/"
                    + retrying.maxAttempts() + "): " + retrying.cause().summary();
        }
        if (event instanceof StatusEvent.Degraded degraded) {
            return "degraded: " + services(degraded.services());
        }
        if (event instanceof StatusEvent.Disconnected disconnected) {
            String code = disconnected.exitCode().isPresent()
                    ? "exited with code " + disconnected.exitCode().getAsInt() : "went away";
            String pid = disconnected.pid().isPresent() ? " (pid " + disconnected.pid().getAsLong() + ")" : "";
            String last = disconnected.lastOutput().isEmpty() ? ""
                    : "; last output: " + disconnected.lastOutput().get(disconnected.lastOutput().size() - 1);
            return "disconnected: the backend" + pid + " " + code + last;
        }
        if (event instanceof StatusEvent.Failed failed) {
            return "failed after " + failed.attempts() + (failed.attempts() == 1 ? " attempt: " : " attempts: ")
                    + failed.cause().summary();
        }
        return "stopped: " + ((StatusEvent.Stopped) event).detail();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static String services(Map<String, String> services) {
        return new TreeMap<>(services).entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining(", "));
    }
}
