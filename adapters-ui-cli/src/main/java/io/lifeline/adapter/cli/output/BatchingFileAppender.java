package io.lifeline.adapter.cli.output;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;

import io.lifeline.adapter.cli.state.RunFolder;
import io.lifeline.domain.port.out.PrivateFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code lifeline.log}'s appender: Lifeline's own lines are written at once, as before; the backend's output (logger
 * {@value #BATCHED_LOGGER}) is buffered and written at the latest {@link #setFlushDelayMillis flushDelay} after it
 * arrived, or sooner when the buffer is full. One write per line made a chatty backend wait for Lifeline: under an
 * output flood the pipe filled and throttled the backend (docs/performance.md). Nothing is dropped: the buffer is
 * written when a line of Lifeline's own comes, when the delay is over, when logging stops and when the JVM exits; a
 * killed JVM loses at most the backend's last {@code flushDelay} of output.
 */
public final class BatchingFileAppender extends RollingFileAppender<ILoggingEvent> {

    /** The logger the backend's output is written under (see {@code LocalRunningBackend}). */
    public static final String BATCHED_LOGGER = "io.lifeline.backend";

    private long flushDelayMillis = 100;
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private ScheduledExecutorService flusher;
    private Thread exitFlush;

    public void setFlushDelayMillis(long flushDelayMillis) {
        this.flushDelayMillis = flushDelayMillis;
    }

    @Override
    public void start() {
        setImmediateFlush(false);
        super.start();
        flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lifeline-log-flush");
            thread.setDaemon(true);
            return thread;
        });
        exitFlush = new Thread(this::flush, "lifeline-log-exit-flush");
        Runtime.getRuntime().addShutdownHook(exitFlush);
    }

    @Override
    public void stop() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        if (exitFlush != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(exitFlush);
            } catch (IllegalStateException exiting) {
                // The JVM is already shutting down: the hook runs anyway.
            }
        }
        super.stop();
        privateLogs();
    }

    @Override
    protected void subAppend(ILoggingEvent event) {
        super.subAppend(event);
        if (!BATCHED_LOGGER.equals(event.getLoggerName())) {
            flush();
        } else if (flushPending.compareAndSet(false, true)) {
            try {
                flusher.schedule(() -> {
                    flushPending.set(false);
                    flush();
                }, flushDelayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                flushPending.set(false);
                flush();
            }
        }
    }

    /**
     * Creates the folder 0700 and the file 0600 before logback opens it, which would make them as the umask says; a
     * folder that is not private gets no log at all (logback reports that on its status console).
     */
    @Override
    public void openFile(String fileName) throws IOException {
        Path file = Path.of(fileName).toAbsolutePath();
        try {
            RunFolder.FILES.folder(file.getParent());
        } catch (PrivateFiles.NotPrivate refused) {
            throw new IOException("not logging to " + file + ": " + refused.getMessage());
        } catch (java.io.UncheckedIOException failed) {
            throw failed.getCause();
        }
        createOwnerOnly(file);
        super.openFile(fileName);
    }

    /**
     * The file rolled away keeps its 0600; the compressed copy, which logback writes on the side as the umask says, is
     * made 0600 once written (logback waits for it when it stops). Until then the owner-only folder keeps it private.
     */
    @Override
    public void rollover() {
        super.rollover();
        if (flusher != null) {
            try {
                flusher.schedule(this::privateLogs, 2, TimeUnit.SECONDS);
            } catch (RejectedExecutionException stopping) {
                privateLogs();
            }
        }
    }

    /** A missing log file, created 0600 and never through a link; one that is there is left to the folder's check. */
    static void createOwnerOnly(Path file) {
        try {
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            Files.newByteChannel(file, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
                    LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(ownerOnly)).close();
        } catch (IOException | UnsupportedOperationException | SecurityException thereOrNotPosix) {
            // There already (made 0600 by LogSetup), or not POSIX; logback reports what it cannot open.
        }
    }

    private void privateLogs() {
        Path dir = getFile() == null ? null : Path.of(getFile()).toAbsolutePath().getParent();
        if (dir == null) {
            return;
        }
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, "lifeline*")) {
            logs.forEach(RunFolder.FILES::tighten);
        } catch (IOException | RuntimeException unreadable) {
            // Best effort: the log folder is owner-only.
        }
    }

    /** Writes what is buffered; safe from any thread, under the same lock the appender writes with. */
    public void flush() {
        streamWriteLock.lock();
        try {
            OutputStream stream = getOutputStream();
            if (stream != null && isStarted()) {
                stream.flush();
            }
        } catch (IOException failed) {
            addError("cannot flush " + getFile(), failed);
        } finally {
            streamWriteLock.unlock();
        }
    }
}
