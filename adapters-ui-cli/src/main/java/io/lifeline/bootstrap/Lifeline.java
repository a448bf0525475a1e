package io.lifeline.bootstrap;

import io.lifeline.adapter.cli.command.Opened;
import io.lifeline.adapter.cli.command.StartFlow;
import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.domain.port.out.StatusPublisher;

/**
 * Opens the start flow wired to the real adapters for a configuration. The CLI uses it, and so can any other front
 * end (a GUI, a test): it brings its configuration and its own {@link StatusPublisher}. Closing the result releases
 * the flow's threads, then closes the run's publishers: the log's, and the front end's when it is a
 * {@link io.lifeline.adapter.cli.output.ClosableStatusPublisher}, so each delivers its last event.
 */
public final class Lifeline {

    private Lifeline() {
    }

    public static Opened<StartFlow> open(LifelineConfig config, StatusPublisher publisher) {
        return new RunOpener<>(StartFlow.class).open(config, publisher);
    }

    /** For an app of several backends ({@code ConfigLoader.loadApp}): each backend gets its own adapters. */
    public static Opened<StartFlow> open(AppConfig app, StatusPublisher publisher) {
        return new RunOpener<>(StartFlow.class).open(app, publisher);
    }
}
