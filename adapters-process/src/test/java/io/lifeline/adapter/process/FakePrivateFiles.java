package io.lifeline.adapter.process;

import io.lifeline.domain.port.out.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@link PrivateFiles} for this module's tests: plain reads and writes, every file trusted, unless told to refuse
 * reads as a folder check would (the real check lives with the run folder, in the CLI module, and is tested there).
 */
final class FakePrivateFiles implements PrivateFiles {

    private final boolean refuseReads;

    private FakePrivateFiles(boolean refuseReads) {
        this.refuseReads = refuseReads;
    }

    static FakePrivateFiles trusting() {
        return new FakePrivateFiles(false);
    }

    /** Every read refused, as for a file that is another user's. */
    static FakePrivateFiles refusingReads() {
        return new FakePrivateFiles(true);
    }

    @Override
    public Optional<byte[]> read(Path file) {
        if (refuseReads) {
            throw new NotPrivate(file, "it is owned by nobody (uid 65534), not by you", "delete it");
        }
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    @Override
    public void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, content);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    @Override
    public long appendable(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            return Files.size(file);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
