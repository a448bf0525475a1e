package io.lifeline.domain.model;

import java.nio.file.Path;
import java.util.Objects;

/** Whether the backend lives and dies with this Lifeline process, or outlives it. */
public sealed interface LaunchMode {

    LaunchMode ATTACHED = new Attached();

    /**
     * Tied to Lifeline: output piped to Lifeline, stdin an open pipe whose end-of-file tells the backend that
     * Lifeline is gone (docs/backend-contract.md).
     */
    record Attached() implements LaunchMode {
    }

    /** Outlives Lifeline (a detached start): its own session, output appended to {@code outputFile}. */
    record Detached(Path outputFile) implements LaunchMode {
        public Detached {
            Objects.requireNonNull(outputFile, "outputFile");
        }
    }
}
