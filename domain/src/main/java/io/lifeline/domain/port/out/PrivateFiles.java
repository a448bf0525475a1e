package io.lifeline.domain.port.out;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The files Lifeline keeps between runs (launch records, the interpreter cache, a detached backend's output) in a
 * folder only this user can write. Nothing read from there is trusted unless this user wrote it and nobody else could
 * have: every read checks the folder and the file (not a link, owned by this user, writable by nobody else); every
 * file written is owner-only.
 */
public interface PrivateFiles {

    /**
     * The file's content; empty when there is none.
     *
     * @throws NotPrivate when the file or its folder is a link, another user's, or writable by group or others
     */
    Optional<byte[]> read(Path file);

    /**
     * Replaces the file's content at once: a new owner-only file beside it, moved over it. The folder is created
     * owner-only when missing.
     *
     * @throws NotPrivate when the folder is not private
     * @throws java.io.UncheckedIOException when it cannot be written
     */
    void write(Path file, byte[] content);

    /**
     * Makes sure the file is there to be appended to by another program: created owner-only (never through a link)
     * when missing, otherwise checked as {@link #read} checks.
     *
     * @return its size now
     * @throws NotPrivate when the file or its folder is not private
     * @throws java.io.UncheckedIOException when it cannot be created
     */
    long appendable(Path file);

    /** A file or folder that this user alone could not have written; the message says which, why and the fix. */
    final class NotPrivate extends RuntimeException {

        private final Path path;
        private final String problem;
        private final String fix;

        /**
         * @param problem what is wrong, e.g. "its mode is 0777: group and others can write to it"
         * @param fix     what to do, e.g. "chmod 700 /home/me/.lifeline/run"
         */
        public NotPrivate(Path path, String problem, String fix) {
            super(path + " is not private: " + problem + "; fix: " + fix);
            this.path = Objects.requireNonNull(path, "path");
            this.problem = Objects.requireNonNull(problem, "problem");
            this.fix = Objects.requireNonNull(fix, "fix");
        }

        public Path path() {
            return path;
        }

        public String problem() {
            return problem;
        }

        public String fix() {
            return fix;
        }
    }
}
