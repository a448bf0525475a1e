package io.lifeline.adapter.cli.config;

/** Bad configuration: the message is the one line the user sees, naming the key, the value and its source. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
