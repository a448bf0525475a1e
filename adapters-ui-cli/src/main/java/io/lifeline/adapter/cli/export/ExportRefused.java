package io.lifeline.adapter.cli.export;

/**
 * A backend that a target cannot run as configured: the message names the backend, the setting and the fix, in one
 * line (exit 64, nothing written).
 */
public final class ExportRefused extends RuntimeException {

    public ExportRefused(String message) {
        super(message);
    }
}
