package io.lifeline.adapter.cli.export;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a program named without a folder ({@code npx}) is, as Lifeline finds it when it starts the backend (on the
 * backend's PATH, else this machine's): for a target whose engine would look elsewhere (systemd searches its own fixed
 * PATH, not the user's), so that the export names the program the backend runs under Lifeline.
 */
@FunctionalInterface
public interface ProgramSearch {

    /** Finds nothing: every bare name stays as it is (and the target says so). */
    ProgramSearch NONE = (name, backendEnv) -> Optional.empty();

    /**
     * @param backendEnv the backend's own variables: a {@code PATH} among them is searched instead of this machine's
     * @return the program's absolute path, or empty when it is found nowhere
     */
    Optional<Path> find(String name, Map<String, String> backendEnv);
}
