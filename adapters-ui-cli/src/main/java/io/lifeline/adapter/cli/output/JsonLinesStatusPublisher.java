package io.lifeline.adapter.cli.output;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.StatusEvent;

import java.io.PrintStream;
import java.util.function.Function;

/**
 * One JSON object per status event, one per line ({@link StatusEventJson}), for front ends that script the CLI.
 */
public final class JsonLinesStatusPublisher implements ClosableStatusPublisher {

    private final PrintStream out;
    private final Function<BackendName, Endpoint> endpoints;

    public JsonLinesStatusPublisher(PrintStream out, Endpoint endpoint) {
        this(out, backend -> endpoint);
    }

    /** @param endpoints each backend's endpoint, for the {@code port} of its events */
    public JsonLinesStatusPublisher(PrintStream out, Function<BackendName, Endpoint> endpoints) {
        this.out = out;
        this.endpoints = endpoints;
    }

    @Override
    public synchronized void publish(StatusEvent event) {
        out.println(StatusEventJson.render(event, endpoints.apply(event.backend())));
        out.flush();
    }

    @Override
    public synchronized void close() {
        out.flush();
    }
}
