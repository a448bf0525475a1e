package io.lifeline.adapter.cli.config;

import java.util.Objects;

/**
 * Where one value came from: its {@link Source}, and the words a user needs to find it, e.g. {@code default},
 * {@code lifeline.yaml:3}, {@code env BACKEND_PORT} or {@code flag --port}.
 *
 * @param formerName whether it was given under the setting's former key or flag ({@link Setting#formerKey()})
 */
public record Origin(Source source, String where, boolean formerName) {

    public static final Origin DEFAULT = new Origin(Source.DEFAULT, "default");
    /**
     * A port Lifeline gave a backend of an app that was given none and needs none of its own to be reached (a one-shot
     * job, a worker ready by its output): the same at every load of the file, it names the backend's launch record.
     */
    public static final Origin RECORD_PORT = new Origin(Source.DEFAULT, "its own: the backend is reached by no port");

    public Origin {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(where, "where");
    }

    public Origin(Source source, String where) {
        this(source, where, false);
    }

    /** The same place, for a value given under the setting's former name. */
    public Origin underFormerName() {
        return new Origin(source, where, true);
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
