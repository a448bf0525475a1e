package io.lifeline.adapter.cli.export;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.InertText;

import java.util.Objects;

/**
 * A setting a target cannot express as Lifeline means it, and what the export does instead, e.g.
 * {@code api: retryJitter 0.2: compose has no jitter; restarts wait docker's own doubling delay}.
 *
 * @param setting the configuration key, as in the file ({@code retryJitter})
 * @param what    what is lost and what the export writes instead, in a few words
 */
public record Loss(BackendName backend, String setting, String what) {

    public Loss {
        Objects.requireNonNull(backend, "backend");
        if (setting.isBlank() || what.isBlank()) {
            throw new IllegalArgumentException("a loss names its setting and what is lost");
        }
    }

    /**
     * One line, as on stderr and in a comment of the output: a configured value in it (a ready line, a command) is
     * made inert, so a line break or a control character cannot end the comment and write a key of its own.
     */
    public String describe() {
        return InertText.line(backend + ": " + setting + ": " + what);
    }
}
