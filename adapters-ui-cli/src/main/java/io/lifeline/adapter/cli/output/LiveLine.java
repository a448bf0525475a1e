package io.lifeline.adapter.cli.output;

import io.lifeline.domain.model.InertText;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one line a terminal shows while a start is in progress: spinner, phase, attempt, elapsed time. Redrawn in
 * place with a carriage return and replaced by the next status line; only used when the output is a terminal.
 */
final class LiveLine {

    private static final String[] SPINNER = {"|", "/", "-", "\\"};
    private static final Duration REDRAW = Duration.ofMillis(120);
    private static final String CLEAR = "\r\u001b[2K";

    private final PrintStream out;
    private ScheduledExecutorService redraw;
    private String phase;
    private Instant since;
    private int frame;
    private boolean shown;

    LiveLine(PrintStream out) {
        this.out = out;
    }

    synchronized void show(String newPhase) {
        phase = InertText.line(newPhase);
        since = Instant.now();
        if (redraw == null) {
            redraw = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "lifeline-live-line");
                thread.setDaemon(true);
                return thread;
            });
            redraw.scheduleAtFixedRate(this::draw, 0, REDRAW.toMillis(), TimeUnit.MILLISECONDS);
        }
        draw();
    }

    /** Clears the line so that a status line can be printed in its place. */
    synchronized void clear() {
        if (shown) {
            out.print(CLEAR);
            out.flush();
            shown = false;
        }
    }

    synchronized void stop() {
        phase = null;
        clear();
        if (redraw != null) {
            redraw.shutdownNow();
            redraw = null;
        }
    }

    private synchronized void draw() {
        if (phase == null) {
            return;
        }
        double seconds = Duration.between(since, Instant.now()).toMillis() / 1000.0;
        out.print(CLEAR + SPINNER[frame++ % SPINNER.length] + " " + phase
                + String.format(Locale.ROOT, " %.1f s", seconds));
        out.flush();
        shown = true;
    }
}
