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

    /** How the terminal may be written to: a live line needs a terminal; colour also needs NO_COLOR unset. */
    public record Style(boolean liveLine, boolean colour) {
        public static final Style PLAIN = new Style(false, false);

        /** Decided from the real terminal: a live line on a console, colour unless NO_COLOR is set. */
        public static Style detect(java.util.Map<String, String> environment) {
            boolean terminal = System.console() != null;
            return new Style(terminal, terminal && !environment.containsKey("NO_COLOR"));
        }
    }

    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final PrintStream err;
    private final LifelineConfig config;
    private final Style style;
    private final LiveLine live;

    public TerminalStatusNotifier(PrintStream out, PrintStream err, LifelineConfig config) {
        this(out, err, config, Style.PLAIN);
    }

    public TerminalStatusNotifier(PrintStream out, PrintStream err, LifelineConfig config, Style style) {
        this.out = out;
        this.err = err;
        this.config = config;
        this.style = style;
        this.live = style.liveLine() ? new LiveLine(out) : null;
    }

    @Override
    public synchronized void publish(StatusEvent event) {
        if (live != null) {
            live.clear();
        }
        out.println("[" + event.correlationId() + "] " + coloured(event, line(event)));
        out.flush();
        if (live != null) {
            livePhase(event).ifPresentOrElse(live::show, live::stop);
        }
        if (event instanceof StatusEvent.Failed failed) {
            err.print(FailureReport.render(failed, config.endpoint(), config.retry().maxAttempts(),
                    config.backend().directory(), config.logFile()));
            err.flush();
        }
    }

    private String coloured(StatusEvent event, String text) {
        if (!style.colour()) {
            return text;
        }
        String colour = switch (event.name()) {
            case "connected", "stopped" -> "\u001b[32m";
            case "retrying", "degraded" -> "\u001b[33m";
            case "failed", "disconnected", "unhealthy" -> "\u001b[31m";
            default -> "";
        };
        return colour.isEmpty() ? text : colour + text + RESET;
    }

    /** What the live line says while the start goes on; empty once it is decided. */
    private static java.util.Optional<String> livePhase(StatusEvent event) {
        if (event instanceof StatusEvent.Launching launching) {
            return java.util.Optional.of("waiting for health (attempt " + launching.attempt() + "/"
                    + launching.maxAttempts() + ")");
        }
        if (event instanceof StatusEvent.Retrying retrying) {
            return java.util.Optional.of((retrying.restart() > 0 ? "restarting" : "retrying") + " (attempt "
                    + retrying.nextAttempt() + "/" + retrying.maxAttempts() + ")");
        }
        return java.util.Optional.empty();
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
