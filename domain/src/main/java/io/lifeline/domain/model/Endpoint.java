package io.lifeline.domain.model;

import java.util.Objects;

/** Where the backend listens and where the front end reaches it. */
public record Endpoint(String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;
    public static final Endpoint DEFAULT = new Endpoint(DEFAULT_HOST, DEFAULT_PORT);

    public Endpoint {
        Objects.requireNonNull(host, "host must not be null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
