package io.lifeline.adapter.cli.output;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.StatusEvent;

import java.io.PrintStream;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One JSON object per status event, one per line ({@link StatusEventJson}), for front ends that script the CLI.
 */
public final class JsonLinesStatusPublisher implements ClosableStatusPublisher {

    private final PrintStream out;
    private final Function<BackendName, Endpoint> endpoints;
    private final Predicate<BackendName> reachedByPort;

    public JsonLinesStatusPublisher(PrintStream out, Endpoint endpoint) {
        this(out, backend -> endpoint, backend -> true);
    }

    /**
     * @param endpoints     each backend's endpoint, for the {@code port} of its events
     * @param reachedByPort whether a backend is reached on its port, for the words of its {@code detail}
     */
    public JsonLinesStatusPublisher(PrintStream out, Function<BackendName, Endpoint> endpoints,
                                    Predicate<BackendName> reachedByPort) {
        this.out = out;
        this.endpoints = endpoints;
        this.reachedByPort = reachedByPort;
    }

    @Override
    public synchronized void publish(StatusEvent event) {
        out.println(StatusEventJson.render(event, endpoints.apply(event.backend()),
                reachedByPort.test(event.backend())));
        out.flush();
    }

    @Override
    public synchronized void close() {
        out.flush();
    }
}
