package io.lifeline.adapter.process;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.port.out.RunningBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
    private static final Logger BACKEND_LOG = LoggerFactory.getLogger("io.lifeline.backend");

    private final Process process;
    private final String interpreter;
    private final CorrelationId correlationId;
    private final OutputTail tail = new OutputTail(OutputTail.DEFAULT_LINES);
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final ProcessTreeStopper stopper;
    private CompletableFuture<Void> stopping;

    LocalRunningBackend(Process process, String interpreter, CorrelationId correlationId) {
        this.process = process;
        this.interpreter = interpreter;
        this.correlationId = correlationId;
        this.stopper = new ProcessTreeStopper(process.toHandle());
        CompletableFuture<Void> stdout = pump(process.getInputStream(), "out");
        CompletableFuture<Void> stderr = pump(process.getErrorStream(), "err");
        CompletableFuture<Void> drained = CompletableFuture.allOf(stdout, stderr);
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

    private CompletableFuture<Void> pump(InputStream stream, String name) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            MDC.put("correlationId", correlationId.value());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    tail.add(line);
                    BACKEND_LOG.info("{}", line);
                    notifyListeners(line);
                }
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
