package io.lifeline.adapter.cli.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lifeline.adapter.cli.config.ConfigException;
import io.lifeline.domain.port.out.PrivateFiles.NotPrivate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One JSON file per port in the run folder: {@code backend-<port>.json}, owner-only (0600), because it holds the
 * run's secret. Written as a new file moved over the old one, read only through the run folder's check
 * ({@link OwnerOnlyFiles}), and only for the port its name says.
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

    public static void write(Path runDir, RunRecord state) {
        try {
            RunFolder.FILES.write(path(runDir, state.port()), JSON.writeValueAsBytes(state));
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot write the state file in " + runDir, failed);
        } catch (NotPrivate refused) {
            throw UntrustedState.of("run folder", refused);
        }
    }

    /**
     * Empty when there is none; a file that cannot be read as a state is reported, never guessed at.
     *
     * @throws UntrustedState when the record or its folder is not private, or the record is for another port
     * @throws ConfigException when it is no launch record
     */
    public static Optional<RunRecord> read(Path runDir, int port) {
        Path file = path(runDir, port);
        Optional<byte[]> content;
        try {
            content = RunFolder.FILES.read(file);
        } catch (NotPrivate refused) {
            throw UntrustedState.of("launch record", refused);
        }
        if (content.isEmpty()) {
            return Optional.empty();
        }
        RunRecord state;
        try {
            state = JSON.readValue(content.get(), RunRecord.class);
        } catch (IOException | IllegalArgumentException broken) {
            throw new ConfigException("state file " + file + " is not readable (" + broken.getMessage()
                    .lines().findFirst().orElse("") + "); delete it if no backend runs on port " + port);
        }
        if (state.port() != port) {
            // A record proves something only about the port it was written for, whatever its name says.
            throw new UntrustedState("the launch record " + file + " is for port " + state.port() + ", not "
                    + port + ": it proves nothing about port " + port, "delete it");
        }
        return Optional.of(state);
    }

    public static void delete(Path runDir, int port) {
        RunFolder.FILES.delete(path(runDir, port));
    }
}
