package io.lifeline.domain.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of one backend of an app, as the config's {@code backends:} mapping gives it: letters, digits, {@code -}
 * and {@code _}. A config without {@code backends:} is one backend named {@link #DEFAULT}.
 */
public record BackendName(String value) implements Comparable<BackendName> {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]+");
    public static final BackendName DEFAULT = new BackendName("backend");

    public BackendName {
        Objects.requireNonNull(value, "backend name");
        if (value.length() > MAX_LENGTH || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("a backend name is 1 to " + MAX_LENGTH
                    + " letters, digits, '-' or '_', not '" + InertText.field(value) + "'");
        }
    }

    @Override
    public int compareTo(BackendName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
