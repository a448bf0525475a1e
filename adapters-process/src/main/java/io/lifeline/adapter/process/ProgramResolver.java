package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.ProgramNotExecutable;
import io.lifeline.domain.model.ProgramNotFound;
import io.lifeline.domain.model.StartupFailure;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the file a backend command's program names, the way the operating system would, before anything is spawned:
 * a name with a slash is a path (relative to the working directory), a bare name is looked up on the backend's own
 * PATH. What cannot be run is a classified failure, not an {@code IOException} text.
 */
public final class ProgramResolver {

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .contains("win");

    private ProgramResolver() {
    }

    /** The program's file as the backend would find it: in its working directory, on its own PATH. */
    public static Resolution resolve(String program, BackendSpec backend) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(backend.environment());
        return resolve(program, backend.directory(), environment);
    }

    /** The program's file, or why it cannot be run. */
    public static Resolution resolve(String program, Path workingDir, Map<String, String> environment) {
        boolean path = program.contains("/") || program.contains(File.separator);
        try {
            if (path) {
                Path file = workingDir.resolve(program).normalize();
                if (!Files.exists(file)) {
                    return new Resolution(Optional.empty(), Optional.of(new ProgramNotFound(program,
                            file.toString())));
                }
                return runnable(program, file);
            }
            String searchPath = environment.getOrDefault("PATH", "");
            for (String folder : searchPath.split(File.pathSeparator)) {
                if (folder.isBlank()) {
                    continue;
                }
                for (String name : namesOf(program, environment)) {
                    Path file = Path.of(folder).resolve(name);
                    if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                        return new Resolution(Optional.of(file), Optional.empty());
                    }
                }
            }
            return new Resolution(Optional.empty(), Optional.of(new ProgramNotFound(program, "PATH: "
                    + (searchPath.isBlank() ? "(empty)" : searchPath))));
        } catch (InvalidPathException invalid) {
            return new Resolution(Optional.empty(), Optional.of(new ProgramNotFound(program,
                    "not a valid path: " + invalid.getReason())));
        }
    }

    private static Resolution runnable(String program, Path file) {
        if (Files.isDirectory(file)) {
            return new Resolution(Optional.empty(), Optional.of(new ProgramNotExecutable(file.toString(),
                    ProgramNotExecutable.A_FOLDER)));
        }
        if (!WINDOWS && !Files.isExecutable(file)) {
            return new Resolution(Optional.empty(), Optional.of(new ProgramNotExecutable(file.toString(),
                    "no execute permission")));
        }
        return new Resolution(Optional.of(file), Optional.empty());
    }

    private static List<String> namesOf(String program, Map<String, String> environment) {
        if (!WINDOWS || program.contains(".")) {
            return List.of(program);
        }
        String extensions = environment.getOrDefault("PATHEXT", ".COM;.EXE;.BAT;.CMD");
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(program),
                java.util.Arrays.stream(extensions.split(";")).map(ext -> program + ext.toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** Either the file to run or the reason it cannot be run. */
    public record Resolution(Optional<Path> file, Optional<StartupFailure> failure) {
    }
}
