package io.lifeline.adapter.cli.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lifeline.adapter.cli.config.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * One JSON file per port in the run directory: {@code backend-<port>.json}, owner-only (mode 0600, as
 * {@link Files#createTempFile} makes it), because it holds the run's secret.
 */
public final class RunStateFile {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RunStateFile() {
    }

    public static Path path(Path runDir, int port) {
        return runDir.resolve("backend-" + port + ".json");
    }

    public static Path outputFile(Path runDir, int port) {
        return runDir.resolve("backend-" + port + ".out");
    }

    public static void write(Path runDir, RunState state) {
        try {
            Files.createDirectories(runDir);
            Path target = path(runDir, state.port());
            Path temporary = Files.createTempFile(runDir, "backend-" + state.port(), ".tmp");
            JSON.writeValue(temporary.toFile(), state);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot write the state file in " + runDir, failed);
        }
    }

    /** Empty when there is none; a file that cannot be read as a state is reported, never guessed at. */
    public static Optional<RunState> read(Path runDir, int port) {
        Path file = path(runDir, port);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunState.class));
        } catch (IOException | IllegalArgumentException broken) {
            throw new ConfigException("state file " + file + " is not readable (" + broken.getMessage()
                    .lines().findFirst().orElse("") + "); delete it if no backend runs on port " + port);
        }
    }

    public static void delete(Path runDir, int port) {
        try {
            Files.deleteIfExists(path(runDir, port));
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot delete " + path(runDir, port), failed);
        }
    }
}
