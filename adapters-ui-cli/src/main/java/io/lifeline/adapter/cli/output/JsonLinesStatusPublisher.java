package io.lifeline.adapter.cli.output;

import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.StatusEvent;

import java.io.PrintStream;

/**
 * One JSON object per status event, one per line ({@link StatusEventJson}), for front ends that script the CLI.
 */
public final class JsonLinesStatusPublisher implements ClosableStatusPublisher {

    private final PrintStream out;
    private final Endpoint endpoint;

    public JsonLinesStatusPublisher(PrintStream out, Endpoint endpoint) {
        this.out = out;
        this.endpoint = endpoint;
    }

    @Override
    public synchronized void publish(StatusEvent event) {
        out.println(StatusEventJson.render(event, endpoint));
        out.flush();
    }

    @Override
    public synchronized void close() {
        out.flush();
    }
}
