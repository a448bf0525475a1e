package io.lifeline.adapter.cli.config;

/** Bad configuration: the message is the one line the user sees, naming the key, the value and its source. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line; a value quoted in it is anyone's text (a flag, an environment variable, a file), so
     *                control characters in it are escaped: a CR or LF in a value never makes a second line
     */
    public ConfigException(String message) {
        super(io.lifeline.domain.model.InertText.line(message));
    }
}
