package io.lifeline.domain.port.out;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A backend process this run spawned. */
public interface RunningBackend {

    long pid();

    /** The program that runs it (the interpreter), for remedies such as an install command. */
    String interpreter();

    /** Completes with the exit code once the process has exited, however that happened. */
    CompletionStage<Integer> exitCode();

    /** The last lines the backend wrote to stdout and stderr, oldest first, bounded. */
    List<String> lastOutput();

    /** Called for every output line from now on, on the thread that reads it; must return quickly. */
    void onOutput(Consumer<String> listener);

    /**
     * Ends the process and all its descendants: terminate, then kill what is left after {@code grace}. Idempotent;
     * completes when the whole tree is gone.
     */
    CompletionStage<Void> stop(Duration grace);

    /** SIGKILL to the whole tree at once, also while a {@link #stop} is waiting out its grace period. */
    CompletionStage<Void> kill();
}
