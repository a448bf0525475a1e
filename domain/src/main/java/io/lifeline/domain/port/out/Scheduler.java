package io.lifeline.domain.port.out;

import java.time.Duration;

/** Runs something later. The domain's only way to wait: it never sleeps. */
@FunctionalInterface
public interface Scheduler {

    Cancellable schedule(Duration delay, Runnable task);

    @FunctionalInterface
    interface Cancellable {
        Cancellable NONE = () -> { };

        void cancel();
    }
}
