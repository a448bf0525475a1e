package io.lifeline.adapter.cli.output;

import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.out.StatusPublisher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Several status publishers as one: every event goes to each in order, and closing closes each in order, once, even
 * when one of them fails; so a publisher that fails cannot keep the others from their last event.
 */
public final class StatusPublishers implements ClosableStatusPublisher {

    private final List<ClosableStatusPublisher> outputs;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StatusPublishers(List<ClosableStatusPublisher> outputs) {
        this.outputs = List.copyOf(outputs);
    }

    public static StatusPublishers of(StatusPublisher... publishers) {
        List<ClosableStatusPublisher> outputs = new ArrayList<>();
        for (StatusPublisher publisher : publishers) {
            outputs.add(ClosableStatusPublisher.of(publisher));
        }
        return new StatusPublishers(outputs);
    }

    /** Publishing to none at all: for commands that only ask one question and start nothing. */
    public static StatusPublishers none() {
        return new StatusPublishers(List.of());
    }

    @Override
    public void publish(StatusEvent event) {
        RuntimeException first = null;
        for (ClosableStatusPublisher output : outputs) {
            try {
                output.publish(event);
            } catch (RuntimeException failed) {
                first = first == null ? failed : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ClosableStatusPublisher output : outputs) {
            try {
                output.close();
            } catch (RuntimeException ignored) {
                // The next output still gets its chance to deliver.
            }
        }
    }
}
