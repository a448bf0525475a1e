package io.lifeline.adapter.cli.testing;

import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.config.LifelineConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Object mother for the folders a {@link ConfigLoader} looks at: a working directory, a Lifeline home whose bundled
 * {@code fixture-backend} folder exists (so the default backend directory is valid), and a user home.
 */
public record LifelineDirs(Path workingDirectory, Path lifelineHome, Path userHome) {

    /**
     * Creates {@code work/}, {@code home/fixture-backend/} (with the requirements file the real one ships) and
     * {@code user/} under the given (temporary) root.
     */
    public static LifelineDirs under(Path root) {
        LifelineDirs dirs = new LifelineDirs(root.resolve("work"), root.resolve("home"), root.resolve("user"));
        createFolder(dirs.workingDirectory);
        createFolder(dirs.bundledBackend());
        createFolder(dirs.userHome);
        if (!Files.exists(dirs.bundledBackend().resolve("requirements.txt"))) {
            dirs.writeIn(dirs.bundledBackend(), "requirements.txt", "fastapi\nuvicorn\n");
        }
        return dirs;
    }

    private void writeIn(Path folder, String name, String content) {
        try {
            Files.writeString(folder.resolve(name), content);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** As {@link #under} but without the bundled backend: an installation that lost its fixture-backend folder. */
    public static LifelineDirs withoutBundledBackend(Path root) {
        LifelineDirs dirs = new LifelineDirs(root.resolve("work"), root.resolve("home"), root.resolve("user"));
        createFolder(dirs.workingDirectory);
        createFolder(dirs.lifelineHome);
        createFolder(dirs.userHome);
        return dirs;
    }

    public Path bundledBackend() {
        return lifelineHome.resolve("fixture-backend");
    }

    public Path defaultLogDir() {
        return userHome.resolve(".lifeline").resolve("logs");
    }

    public ConfigLoader loader() {
        return loader(Map.of());
    }

    public ConfigLoader loader(Map<String, String> environment) {
        return new ConfigLoader(workingDirectory, environment, lifelineHome, userHome);
    }

    /** The configuration with nothing set: no file, no environment, no flags. */
    public LifelineConfig defaultConfig() {
        return loader().load(Optional.empty(), Map.of());
    }

    /** Writes a file (a config file, usually) relative to the working directory. */
    public Path write(String relativePath, String content) {
        return write(relativePath, content.getBytes(StandardCharsets.UTF_8));
    }

    public Path write(String relativePath, byte[] content) {
        Path file = workingDirectory.resolve(relativePath);
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Creates a folder relative to the given base and returns it. */
    public static Path createFolder(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
