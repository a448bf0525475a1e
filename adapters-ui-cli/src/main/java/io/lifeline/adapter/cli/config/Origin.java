package io.lifeline.adapter.cli.config;

import java.util.Objects;

/**
 * Where one value came from: its {@link Source}, and the words a user needs to find it, e.g. {@code default},
 * {@code lifeline.yaml:3}, {@code env BACKEND_PORT} or {@code flag --port}.
 */
public record Origin(Source source, String where) {

    public static final Origin DEFAULT = new Origin(Source.DEFAULT, "default");

    public Origin {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(where, "where");
    }

    public static Origin file(String fileName, int line) {
        return new Origin(Source.FILE, fileName + ":" + line);
    }

    public static Origin env(String variable) {
        return new Origin(Source.ENV, "env " + variable);
    }

    public static Origin flag(String flag) {
        return new Origin(Source.FLAG, "flag " + flag);
    }

    public boolean isDefault() {
        return source == Source.DEFAULT;
    }

    @Override
    public String toString() {
        return where;
    }
}
