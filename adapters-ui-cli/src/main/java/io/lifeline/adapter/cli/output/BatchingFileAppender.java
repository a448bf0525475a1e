package io.lifeline.adapter.cli.output;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;

import java.io.IOException;
import java.io.OutputStream;
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
