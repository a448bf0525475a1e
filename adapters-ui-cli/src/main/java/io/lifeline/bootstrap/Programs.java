package io.lifeline.bootstrap;

import io.lifeline.adapter.process.ProgramResolver;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Where a program named without a folder is on this machine, found as {@code start} finds it, at export time. */
final class Programs {

    private Programs() {
    }

    static Optional<Path> found(String name, Map<String, String> backendEnv) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(backendEnv);
        // a bare name is looked up on PATH only: the folder is not used
        return ProgramResolver.resolve(name, Path.of("/"), environment).file().filter(Path::isAbsolute);
    }
}
