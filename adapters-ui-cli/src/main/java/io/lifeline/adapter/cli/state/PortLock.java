package io.lifeline.adapter.cli.state;

import io.lifeline.domain.model.Durations;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One launcher per port: an operating-system lock on byte {@code port} of {@code ports.lock} in the run folder, held
 * from before the check for a running backend until the start is decided. A second start on the port waits for the
 * first's outcome, at most for the startup timeout, then finds its backend (and attaches, on the launch-record proof)
 * or starts afresh. The OS releases the lock when the process dies, even by SIGKILL, so a killed Lifeline never
 * blocks a start. One file serves every port: nothing is left behind per port, and nothing needs deleting (deleting a
 * lock file is what breaks a lock: a waiter would hold a lock on a file nobody else opens any more).
 */
public final class PortLock implements AutoCloseable {

    /** The file whose byte {@code port} is the lock of that port. */
    public static final String FILE_NAME = "ports.lock";

    /** No lock: for a run folder that cannot hold one. */
    private static final PortLock NONE = new PortLock(null, List.of());
    private static final Duration POLL = Duration.ofMillis(50);

    private final FileChannel channel;
    private final List<FileLock> locks;

    private PortLock(FileChannel channel, List<FileLock> locks) {
        this.channel = channel;
        this.locks = List.copyOf(locks);
    }

    /**
     * Waits for the lock, at most {@code timeout}; {@code whenWaiting} runs once before a wait.
     *
     * @throws UntrustedState  when the run folder or the lock file is not private
     * @throws PortLockTimeout when another process held it all that time; it names that process when the OS shows it
     */
    public static PortLock acquire(Path runDir, int port, Duration timeout, Runnable whenWaiting) {
        return acquire(runDir, List.of(port), timeout, port1 -> whenWaiting.run());
    }

    /**
     * The locks of several ports (an app's), on one channel: closing a second channel of the same file would release
     * the first one's locks too (POSIX locks belong to the process). Taken in ascending port order, so two starts of
     * apps that share ports cannot wait for each other; {@code whenWaiting} runs once before each wait, with the port.
     * All within {@code timeout} in total.
     */
    public static PortLock acquire(Path runDir, List<Integer> ports, Duration timeout,
                                   java.util.function.IntConsumer whenWaiting) {
        Path file = runDir.resolve(FILE_NAME);
        if (ports.isEmpty()) {
            return NONE;
        }
        int port = ports.get(0);
        FileChannel channel;
        try {
            RunFolder.check(runDir);
            channel = RunFolder.FILES.openForLocking(file);
        } catch (io.lifeline.domain.port.out.PrivateFiles.NotPrivate refused) {
            throw UntrustedState.of("port lock file", refused);
        } catch (UncheckedIOException | SecurityException unusable) {
            // A start must not fail because the run folder cannot be written; two starts may then both launch.
            LoggerFactory.getLogger(PortLock.class).warn("cannot lock port {} in {}: {}", port, runDir,
                    unusable.toString());
            return NONE;
        }
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<FileLock> locks = new java.util.ArrayList<>();
            for (int each : ports.stream().distinct().sorted().toList()) {
                port = each;
                FileLock lock = tryLock(channel, port);
                if (lock == null) {
                    whenWaiting.accept(port);
                    while (lock == null && System.nanoTime() - deadline < 0) {
                        TimeUnit.NANOSECONDS.sleep(Math.min(POLL.toNanos(),
                                Math.max(1, deadline - System.nanoTime())));
                        lock = tryLock(channel, port);
                    }
                    if (lock == null) {
                        throw new PortLockTimeout(port, timeout, file, holder(file, port));
                    }
                }
                locks.add(lock);
            }
            return new PortLock(channel, locks);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            close(channel);
            return NONE;
        } catch (IOException failed) {
            close(channel);
            LoggerFactory.getLogger(PortLock.class).warn("cannot lock port {} in {}: {}", port, runDir,
                    failed.toString());
            return NONE;
        } catch (RuntimeException timedOut) {
            close(channel);
            throw timedOut;
        }
    }

    /** Null while another process holds it, or another start in this JVM (a test's). */
    private static FileLock tryLock(FileChannel channel, int port) throws IOException {
        try {
            return channel.tryLock(port, 1, false);
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    /**
     * Which process holds the lock on byte {@code port} of the file, as Linux shows it in {@code /proc/locks}: lines
     * like {@code 1: POSIX  ADVISORY  WRITE 4242 fd:01:1234567 8000 8000} (pid, device:inode, first and last byte).
     */
    static OptionalLong holder(Path file, int port) {
        return holder(file, port, Path.of("/proc/locks"));
    }

    static OptionalLong holder(Path file, int port, Path procLocks) {
        try {
            long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            List<String> lines = Files.readAllLines(procLocks);
            for (String line : lines) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 8 || fields[1].equals("->")) {
                    continue;
                }
                String[] device = fields[5].split(":");
                long pid = Long.parseLong(fields[4]);
                long first = Long.parseLong(fields[6]);
                boolean toEnd = fields[7].equals("EOF");
                long last = toEnd ? Long.MAX_VALUE : Long.parseLong(fields[7]);
                if (device.length == 3 && Long.parseLong(device[2]) == inode && first <= port && port <= last
                        && pid > 0) {
                    return OptionalLong.of(pid);
                }
            }
        } catch (IOException | RuntimeException notShown) {
            // Not Linux, or not readable here: the message then says the OS does not tell.
        }
        return OptionalLong.empty();
    }

    /** Releases the lock; again is harmless. */
    @Override
    public synchronized void close() {
        if (channel == null) {
            return;
        }
        for (FileLock lock : locks) {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } catch (IOException ignored) {
                // Closing the channel releases the lock in any case.
            }
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing releases every lock of the channel, or the process's end does.
        }
    }

    /** Another process held the port's lock for the whole startup timeout. */
    public static final class PortLockTimeout extends RuntimeException {

        private final OptionalLong holder;

        PortLockTimeout(int port, Duration waited, Path file, OptionalLong holder) {
            super("another process held the lock of port " + port + " for " + Durations.format(waited)
                    + " (the startup timeout): " + holder.stream().mapToObj(PortLockTimeout::describe).findFirst()
                    .orElse("the operating system does not say which") + "; lock file " + file
                    + "; wait for that start to finish or stop it, or start on another port");
            this.holder = Objects.requireNonNull(holder, "holder");
        }

        public OptionalLong holder() {
            return holder;
        }

        private static String describe(long pid) {
            Optional<String> command = ProcessHandle.of(pid).flatMap(process -> process.info().commandLine());
            // A command line is anyone's text.
            return "pid " + pid + command.map(line -> " (" + io.lifeline.domain.model.InertText.field(line) + ")")
                    .orElse("");
        }
    }
}
