package io.lifeline.adapter.cli.state;

import io.lifeline.domain.port.out.PrivateFiles.NotPrivate;

import java.nio.file.Path;

/**
 * The run folder: launch records (with each run's secret), the port locks, the interpreter cache and a detached
 * backend's output. Created 0700; refused when it is a link, another user's, or writable by group or others, since
 * whoever can write there can plant a record that makes {@code stop} signal a process or {@code start} run a command.
 */
public final class RunFolder {

    /** The one checker of every file Lifeline keeps: also handed to the process adapter, for its cache and output. */
    public static final OwnerOnlyFiles FILES = new OwnerOnlyFiles();

    private RunFolder() {
    }

    /**
     * Creates the folder 0700 when missing and checks it.
     *
     * @throws UntrustedState naming the folder, its owner or mode, and the fix
     */
    public static Path check(Path runDir) {
        return checkFolder("run folder", runDir);
    }

    /**
     * Any folder Lifeline keeps files in (the run folder, the log folder): created 0700 when missing, and checked.
     *
     * @param what its role, for the message
     * @throws UntrustedState naming the folder, its owner or mode, and the fix
     * @throws java.io.UncheckedIOException when it cannot be created
     */
    public static Path checkFolder(String what, Path folder) {
        try {
            return FILES.folder(folder);
        } catch (NotPrivate refused) {
            throw UntrustedState.of(what, refused);
        }
    }
}
