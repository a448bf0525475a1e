package io.lifeline.adapter.cli.output;

import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.out.StatusPublisher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Several outputs as one: every event goes to each in order, and closing closes each in order, once, even when one
 * of them fails; so an output that fails cannot keep the others from their last event.
 */
public final class StatusOutputs implements StatusOutput {

    private final List<StatusOutput> outputs;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StatusOutputs(List<StatusOutput> outputs) {
        this.outputs = List.copyOf(outputs);
    }

    public static StatusOutputs of(StatusPublisher... publishers) {
        List<StatusOutput> outputs = new ArrayList<>();
        for (StatusPublisher publisher : publishers) {
            outputs.add(StatusOutput.of(publisher));
        }
        return new StatusOutputs(outputs);
    }

    /** Publishing to none at all: for commands that only ask one question and start nothing. */
    public static StatusOutputs none() {
        return new StatusOutputs(List.of());
    }

    @Override
    public void publish(StatusEvent event) {
        RuntimeException first = null;
        for (StatusOutput output : outputs) {
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
        for (StatusOutput output : outputs) {
            try {
                output.close();
            } catch (RuntimeException ignored) {
                // The next output still gets its chance to deliver.
            }
        }
    }
}
