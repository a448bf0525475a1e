package io.lifeline.adapter.cli.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The folders relative values are read against: the working directory, the user's home (for {@code ~}) and Lifeline's
 * installation (for the bundled backend).
 */
public record Folders(Path workingDirectory, Path userHome, Path lifelineHome) {

    public Folders {
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(lifelineHome, "lifelineHome");
    }

    /** {@code ~} and {@code ~/x} are under the user's home; {@code ~bob} is a plain name. */
    public String expandHome(String text) {
        String value = text.strip();
        if (value.equals("~") || value.startsWith("~/")) {
            return userHome + value.substring(1);
        }
        return value;
    }

    /** A folder as given: {@code ~} expanded, relative to the working directory, normalised. */
    public Path resolve(String text) {
        return workingDirectory.resolve(expandHome(text)).normalize();
    }
}
