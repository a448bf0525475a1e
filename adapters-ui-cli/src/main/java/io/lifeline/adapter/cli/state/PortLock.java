package io.lifeline.adapter.cli.state;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One launcher per port: an operating-system lock on {@code backend-<port>.lock} in the run directory, held from
 * before the check for a running backend until the start is decided. A second start on the port waits for the first's
 * outcome, then finds its backend (and attaches, on the launch-record proof) or starts afresh. The OS releases the lock
 * when the process dies, even by SIGKILL, so a killed Lifeline never blocks a start; the file itself stays.
 */
public final class PortLock implements AutoCloseable {

    /** No lock: for a run directory that cannot hold one. */
    private static final PortLock NONE = new PortLock(null, null);

    private final FileChannel channel;
    private final FileLock lock;

    private PortLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock; {@code whenWaiting} runs once before a wait. */
    public static PortLock acquire(Path runDir, int port, Runnable whenWaiting) {
        try {
            Files.createDirectories(runDir);
            FileChannel channel = FileChannel.open(runDir.resolve("backend-" + port + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                whenWaiting.run();
                lock = channel.lock();
            }
            return new PortLock(channel, lock);
        } catch (IOException | RuntimeException failed) {
            // A start must not fail because the run directory is unusable; two starts may then both launch.
            LoggerFactory.getLogger(PortLock.class).warn("cannot lock port {} in {}: {}", port, runDir,
                    failed.toString());
            return NONE;
        }
    }

    /** Releases the lock; again is harmless. */
    @Override
    public synchronized void close() {
        if (channel == null) {
            return;
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException ignored) {
            // Closing the channel releases the lock in any case.
        }
    }
}
