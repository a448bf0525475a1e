package io.lifeline.adapter.cli.output;

import io.lifeline.domain.port.out.StatusPublisher;

/**
 * A status publisher that is told when the run is over: {@link #close()} delivers what it still holds (flushes a
 * stream, finishes a pending request), so the last event, usually {@code stopped}, is never lost at exit.
 */
public interface StatusOutput extends StatusPublisher, AutoCloseable {

    /** Delivers what is still pending; publishing after this is not supported. Must not throw. */
    @Override
    void close();

    /** A publisher that holds nothing back: closing it has nothing to deliver. */
    static StatusOutput of(StatusPublisher publisher) {
        if (publisher instanceof StatusOutput output) {
            return output;
        }
        return new StatusOutput() {
            @Override
            public void publish(io.lifeline.domain.model.StatusEvent event) {
                publisher.publish(event);
            }

            @Override
            public void close() {
                // Nothing pending.
            }
        };
    }
}
