package io.lifeline.adapter.cli.command;

import java.io.PrintStream;
import java.util.Objects;

/** Where a command writes: results on {@code out}, problems (and human text next to JSON) on {@code err}. */
public record Console(PrintStream out, PrintStream err) {

    public Console {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }
}
