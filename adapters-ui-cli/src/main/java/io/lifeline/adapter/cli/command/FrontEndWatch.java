package io.lifeline.adapter.cli.command;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Ties a foreground {@code lifeline start} to the process that started it, as the backend contract ties the backend
 * to Lifeline: when its parent process is gone, or (for a front end that reads {@code --json}) its stdin is a pipe or
 * socket that reaches end-of-file, the front end is gone and {@code onGone} is told why, once. A terminal,
 * {@code /dev/null} or a file on stdin is never watched, and without {@code --json} neither is a pipe: {@code cat f |
 * lifeline start} must not stop at once.
 */
final class FrontEndWatch {

    private static final Logger LOG = LoggerFactory.getLogger(FrontEndWatch.class);
    private static final long PARENT_POLL_MILLIS = 200;

    private FrontEndWatch() {
    }

    /** @param watchStdin whether the end of stdin counts (a front end speaking JSON holds a pipe for the run) */
    static void start(InputStream stdin, boolean watchStdin, Consumer<String> onGone) {
        AtomicBoolean told = new AtomicBoolean();
        Consumer<String> once = reason -> {
            if (told.compareAndSet(false, true)) {
                LOG.info("front end gone ({}): stopping the backend", reason);
                onGone.accept(reason);
            }
        };
        if (watchStdin && stdinIsAPipe()) {
            Thread reader = new Thread(() -> readUntilEndOfFile(stdin, once), "lifeline-stdin-watch");
            reader.setDaemon(true);
            reader.start();
        }
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isPresent()) {
            long parentPid = parent.get().pid();
            ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "lifeline-parent-watch");
                thread.setDaemon(true);
                return thread;
            });
            // Polled: the parent is not our child, so no exit notification reaches us; a new parent pid means it died.
            poll.scheduleWithFixedDelay(() -> {
                boolean same = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == parentPid;
                if (!same || !parent.get().isAlive()) {
                    once.accept("parent process " + parentPid + " exited");
                    poll.shutdown();
                }
            }, PARENT_POLL_MILLIS, PARENT_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private static void readUntilEndOfFile(InputStream stdin, Consumer<String> once) {
        byte[] discard = new byte[512];
        try {
            while (stdin.read(discard) >= 0) {
                // A front end may write; nothing it writes means anything yet.
            }
            once.accept("its stdin closed");
        } catch (IOException closed) {
            once.accept("its stdin broke: " + closed.getMessage());
        }
    }

    /** Linux names the file behind fd 0; where that cannot be told, stdin is not watched. */
    static boolean stdinIsAPipe() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("pipe:") || target.startsWith("socket:");
        } catch (IOException | UnsupportedOperationException | SecurityException unknown) {
            return false;
        }
    }
}
