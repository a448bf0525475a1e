package io.lifeline.adapter.cli.output;

import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.StatusEvent;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Status lines for a person at a terminal, e.g.
 * {@code [backend-startup-1732334400000] connected on 127.0.0.1:8000 (pid 4242, attempt 1, 0.52 s)}.
 * A failure adds the full report on stderr.
 */
public final class TerminalStatusPublisher implements ClosableStatusPublisher {

    /** How the terminal may be written to: a live line needs a terminal; colour also needs NO_COLOR unset. */
    public record Style(boolean liveLine, boolean colour) {
        public static final Style PLAIN = new Style(false, false);

        /** Decided from the real terminal: a live line on a console, colour unless NO_COLOR is set. */
        public static Style detect(Map<String, String> environment) {
            boolean terminal = System.console() != null;
            return new Style(terminal, terminal && !environment.containsKey("NO_COLOR"));
        }
    }

    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final PrintStream err;
    private final AppConfig app;
    private final Style style;
    private final LiveLine live;
    private final Function<BackendSpec, BackendProfile> profiles;

    /** Plain lines. */
    public TerminalStatusPublisher(PrintStream out, PrintStream err, LifelineConfig config, BackendProfile profile) {
        this(out, err, config, Style.PLAIN, profile);
    }

    /** @param profile what the backend's kind needs, for the failure report's checklist (Python's version, ...) */
    public TerminalStatusPublisher(PrintStream out, PrintStream err, LifelineConfig config, Style style,
                                   BackendProfile profile) {
        this(out, err, AppConfig.single(config), style, spec -> profile);
    }

    /**
     * For an app whose file names its backends, every line starts with the backend's name.
     *
     * @param profiles what each backend's kind needs, for its failure report's checklist
     */
    public TerminalStatusPublisher(PrintStream out, PrintStream err, AppConfig app, Style style,
                                   Function<BackendSpec, BackendProfile> profiles) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.out = out;
        this.err = err;
        this.app = app;
        this.style = style;
        this.live = style.liveLine() ? new LiveLine(out) : null;
    }

    @Override
    public synchronized void publish(StatusEvent event) {
        if (live != null) {
            live.clear();
        }
        String backend = app.named() ? event.backend() + ": " : "";
        boolean usesPort = app.reachedByPort(event.backend());
        out.println("[" + event.correlationId() + "] " + backend + coloured(event.kind(),
                StatusText.line(event, usesPort)));
        out.flush();
        if (live != null) {
            StatusText.phase(event).map(phase -> backend + phase).ifPresentOrElse(live::show, live::stop);
        }
        if (event instanceof StatusEvent.Failed failed) {
            report(failed);
        }
    }

    /** The full report of a failure on stderr: the classified cause, the remedy, the backend's last output. */
    private void report(StatusEvent.Failed failed) {
        LifelineConfig config = app.backends().stream().filter(backend -> backend.name().equals(failed.backend()))
                .findFirst().orElse(app.app());
        err.print((app.named() ? System.lineSeparator() + "Backend " + failed.backend() + ":" : "")
                + FailureReport.render(failed, config.endpoint(), config.retry().maxAttempts(), config.backend(),
                config.logFile(), profiles.apply(config.backend())));
        err.flush();
    }

    /** Clears a live line still shown and flushes both streams. */
    @Override
    public synchronized void close() {
        if (live != null) {
            live.stop();
        }
        out.flush();
        err.flush();
    }

    private String coloured(StatusEvent.Kind kind, String text) {
        if (!style.colour()) {
            return text;
        }
        String colour = switch (StatusText.tone(kind)) {
            case GOOD -> "\u001b[32m";
            case WARNING -> "\u001b[33m";
            case BAD -> "\u001b[31m";
            case NEUTRAL -> "";
        };
        return colour.isEmpty() ? text : colour + text + RESET;
    }
}
