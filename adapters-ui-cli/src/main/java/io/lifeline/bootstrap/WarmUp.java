package io.lifeline.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads the libraries a run's object graph needs (Guice, Jackson) on a second thread while the main thread parses the
 * command line and the configuration, so the start is not kept waiting for them afterwards. {@link RunOpener} waits
 * for it before it builds a graph, so Guice is never set up by two threads at once. Only commands that open a run
 * warm up; {@code --version} and {@code --help} do not pay for it.
 */
final class WarmUp {

    private static final Set<String> RUN_COMMANDS = Set.of("start", "status", "wait", "stop", "doctor");
    private static volatile CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

    private WarmUp() {
    }

    static void startFor(String[] args) {
        if (args.length == 0 || !RUN_COMMANDS.contains(args[0])) {
            return;
        }
        CompletableFuture<Void> warming = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                Guice.createInjector();
                new ObjectMapper().createObjectNode();
            } catch (RuntimeException | LinkageError ignored) {
                // Only a head start: whatever failed here fails again, with its real report, where it is used.
            } finally {
                warming.complete(null);
            }
        }, "lifeline-warm-up");
        thread.setDaemon(true);
        done = warming;
        thread.start();
    }

    /** Waits a few seconds at most: the warm-up is a head start, never a reason to hang. */
    static void awaitDone() {
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ignored) {
            // Carry on: whatever the warm-up could not do is done where it is needed.
        }
    }
}
