package io.lifeline.adapter.process;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.port.out.RunningBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A backend process spawned by {@link LocalProcessLauncher}: pumps its output into the log and a bounded tail,
 * reports its exit, and stops its whole process tree.
 */
final class LocalRunningBackend implements RunningBackend {

    /** Grandchildren can keep the output pipes open after the backend exits; do not wait for them forever. */
    private static final Duration OUTPUT_DRAIN_LIMIT = Duration.ofSeconds(2);
    /** How often a detached backend's output file is checked for new lines. */
    private static final Duration FOLLOW_POLL = Duration.ofMillis(20);
    /** How much of a detached backend's output file one read takes. */
    private static final int FOLLOW_CHUNK_BYTES = 8 * 1024;
    /** A pipe holds 64 KiB on Linux: one read can take all a chatty backend wrote since the last one. */
    private static final int PIPE_CHUNK_BYTES = 64 * 1024;
    private static final Logger BACKEND_LOG = LoggerFactory.getLogger("io.lifeline.backend");

    private final Process process;
    private final String interpreter;
    private final CorrelationId correlationId;
    private final OutputTail tail = new OutputTail(OutputTail.DEFAULT_LINES);
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final ProcessTreeStopper stopper;
    private CompletableFuture<Void> stopping;

    /** Output read from the process's pipes. */
    LocalRunningBackend(Process process, String interpreter, CorrelationId correlationId) {
        this(process, interpreter, correlationId, null, 0);
    }

    /**
     * Output read from the file it is appended to (a detached backend must not depend on pipes to a Lifeline
     * process that will exit), from {@code offset} on.
     */
    LocalRunningBackend(Process process, String interpreter, CorrelationId correlationId, Path outputFile,
                        long offset) {
        this.process = process;
        this.interpreter = interpreter;
        this.correlationId = correlationId;
        this.stopper = new ProcessTreeStopper(process.toHandle());
        CompletableFuture<Void> drained = outputFile == null
                ? CompletableFuture.allOf(pump(process.getInputStream(), "out"), pump(process.getErrorStream(), "err"))
                : follow(outputFile, offset);
        process.onExit().thenAccept(exited -> drained
                .completeOnTimeout(null, OUTPUT_DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenRun(() -> {
                    int code = exited.exitValue();
                    log("backend process " + pid() + " exited with code " + code);
                    exitCode.complete(code);
                }));
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public String interpreter() {
        return interpreter;
    }

    @Override
    public CompletionStage<Integer> exitCode() {
        return exitCode;
    }

    @Override
    public List<String> lastOutput() {
        return tail.lines();
    }

    @Override
    public void onOutput(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized CompletionStage<Void> stop(Duration grace) {
        if (stopping == null) {
            log("stopping backend process tree of pid " + pid() + " (grace " + grace.toMillis() + " ms)");
            stopping = stopper.stop(grace).thenCombine(exitCode, (treeGone, code) -> (Void) null)
                    .toCompletableFuture();
        }
        return stopping;
    }

    @Override
    public CompletionStage<Void> kill() {
        log("killing backend process tree of pid " + pid());
        return stopper.kill().thenCombine(exitCode, (treeGone, code) -> (Void) null);
    }

    /** Reads lines appended to {@code file} until the process has exited and the file has no more. */
    private CompletableFuture<Void> follow(Path file, long offset) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            MDC.put("correlationId", correlationId.value());
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                in.seek(offset);
                OutputLines lines = new OutputLines(this::emit);
                byte[] chunk = new byte[FOLLOW_CHUNK_BYTES];
                boolean exited = false;
                while (true) {
                    int read = in.read(chunk);
                    if (read > 0) {
                        lines.accept(chunk, read);
                    } else if (exited) {
                        break;
                    } else {
                        exited = !process.isAlive();
                        Thread.sleep(FOLLOW_POLL.toMillis());
                    }
                }
                lines.finish();
            } catch (IOException | InterruptedException stopped) {
                BACKEND_LOG.debug("stopped following {}: {}", file, stopped.toString());
            } finally {
                MDC.remove("correlationId");
                done.complete(null);
            }
        }, "backend-follow-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return done;
    }

    private void emit(String line) {
        tail.add(line);
        BACKEND_LOG.info("{}", line);
        notifyListeners(line);
    }

    private CompletableFuture<Void> pump(InputStream stream, String name) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            MDC.put("correlationId", correlationId.value());
            try (stream) {
                OutputLines lines = new OutputLines(this::emit);
                byte[] chunk = new byte[PIPE_CHUNK_BYTES];
                int read;
                while ((read = stream.read(chunk)) >= 0) {
                    lines.accept(chunk, read);
                }
                lines.finish();
            } catch (IOException closed) {
                BACKEND_LOG.debug("backend {} stream closed: {}", name, closed.getMessage());
            } finally {
                MDC.remove("correlationId");
                done.complete(null);
            }
        }, "backend-" + name + "-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return done;
    }

    /** A failing listener must never stop the pump: an unread pipe would block or break the backend. */
    private void notifyListeners(String line) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(line);
            } catch (RuntimeException listenerFailure) {
                BACKEND_LOG.warn("output listener failed", listenerFailure);
            }
        }
    }

    private void log(String message) {
        MDC.put("correlationId", correlationId.value());
        try {
            LoggerFactory.getLogger(LocalRunningBackend.class).info(message);
        } finally {
            MDC.remove("correlationId");
        }
    }
}
