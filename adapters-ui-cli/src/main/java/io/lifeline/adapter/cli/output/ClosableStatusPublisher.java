package io.lifeline.adapter.cli.output;

import io.lifeline.domain.port.out.StatusPublisher;

/**
 * A status publisher that is told when the run is over: {@link #close()} delivers what it still holds (flushes a
 * stream, finishes a pending request), so the last event, usually {@code stopped}, is never lost at exit.
 */
public interface ClosableStatusPublisher extends StatusPublisher, AutoCloseable {

    /** Delivers what is still pending; publishing after this is not supported. Must not throw. */
    @Override
    void close();

    /** {@code publisher} itself when it is closable; else a publisher whose closing has nothing to deliver. */
    static ClosableStatusPublisher of(StatusPublisher publisher) {
        if (publisher instanceof ClosableStatusPublisher output) {
            return output;
        }
        return new ClosableStatusPublisher() {
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
