package io.lifeline.adapter.cli.command;

import org.slf4j.LoggerFactory;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into an orderly stop instead of an abrupt JVM shutdown, so the backend's
 * process tree is stopped and the exit code is ours to choose.
 */
final class StopSignals {

    private StopSignals() {
    }

    @SuppressWarnings("removal")
    static void install(Runnable onStop) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> onStop.run());
            } catch (IllegalArgumentException | UnsupportedOperationException unsupported) {
                // Not every platform lets us catch every signal; the shutdown hook still stops the backend.
                LoggerFactory.getLogger(StopSignals.class).debug("cannot handle SIG{}: {}", name,
                        unsupported.getMessage());
            }
        }
    }
}
