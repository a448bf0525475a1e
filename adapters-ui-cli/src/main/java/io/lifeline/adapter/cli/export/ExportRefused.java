package io.lifeline.adapter.cli.export;

import io.lifeline.domain.model.InertText;

/**
 * A backend that a target cannot run as configured: the message names the backend, the setting and the fix, in one
 * line (exit 64, nothing written). A configured value quoted in it is shown inert ({@link InertText}): a line break
 * in a path is {@code \n}, so the message stays one line.
 */
public final class ExportRefused extends RuntimeException {

    public ExportRefused(String message) {
        super(InertText.line(message));
    }
}
