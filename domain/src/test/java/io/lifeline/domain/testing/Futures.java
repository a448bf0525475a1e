package io.lifeline.domain.testing;

import java.util.concurrent.CompletionStage;

/** Reads completion stages without waiting: in these tests everything that completes does so synchronously. */
public final class Futures {

    private Futures() {
    }

    public static boolean isDone(CompletionStage<?> stage) {
        return stage.toCompletableFuture().isDone();
    }

    /** The value of a stage that must already have completed normally; fails the test otherwise. */
    public static <T> T resultOf(CompletionStage<T> stage) {
        var future = stage.toCompletableFuture();
        if (!future.isDone()) {
            throw new AssertionError("expected the stage to have completed, but it is still pending");
        }
        if (future.isCompletedExceptionally()) {
            throw new AssertionError("expected a normal completion, but the stage failed", failureOf(future));
        }
        return future.join();
    }

    private static Throwable failureOf(java.util.concurrent.CompletableFuture<?> future) {
        try {
            future.join();
            return null;
        } catch (RuntimeException error) {
            return error.getCause() != null ? error.getCause() : error;
        }
    }
}
