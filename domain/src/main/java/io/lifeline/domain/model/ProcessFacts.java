package io.lifeline.domain.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operating system says about one running process, as far as it says.
 *
 * @param argv       its arguments, the program first; empty when not shown
 * @param workingDir its current directory, when shown
 * @param ancestors  its parent, grandparent, ... pids, nearest first
 */
public record ProcessFacts(long pid, Optional<Instant> startedAt, List<String> argv, Optional<Path> workingDir,
                           List<Long> ancestors) {
    public ProcessFacts {
        Objects.requireNonNull(startedAt, "startedAt");
        argv = List.copyOf(argv);
        Objects.requireNonNull(workingDir, "workingDir");
        ancestors = List.copyOf(ancestors);
    }

    /** Whether {@code other} is this process, its parent or one of its children. */
    public boolean closeKinOf(ProcessFacts other) {
        return pid == other.pid || ancestors.stream().findFirst().map(parent -> parent == other.pid).orElse(false)
                || other.ancestors.stream().findFirst().map(parent -> parent == pid).orElse(false);
    }

    /** Its pid and folder: for a report that names its command line elsewhere. */
    public String where() {
        return "pid " + pid + workingDir.map(dir -> " (in " + InertText.field(dir.toString()) + ")").orElse("");
    }

    public String describe() {
        return "pid " + pid + (argv.isEmpty() ? "" : " (" + InertText.field(String.join(" ", argv)) + ")")
                + workingDir.map(dir -> " in " + InertText.field(dir.toString())).orElse("");
    }
}
