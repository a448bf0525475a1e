package io.lifeline.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.lifeline.adapter.cli.command.Opened;
import io.lifeline.adapter.cli.command.UseCaseFactory;
import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.domain.port.out.StatusPublisher;

/**
 * Opens one inbound port for one command run: a fresh injector of {@link LifelineModule} for the run's configuration
 * and publisher. The only place that asks an injector for an instance: the root of each run's object graph.
 */
final class RunOpener<P> implements UseCaseFactory<P> {

    private final Class<P> port;

    RunOpener(Class<P> port) {
        this.port = port;
    }

    @Override
    public Opened<P> open(LifelineConfig config, StatusPublisher publisher) {
        return open(AppConfig.single(config), publisher);
    }

    @Override
    public Opened<P> open(AppConfig app, StatusPublisher publisher) {
        WarmUp.awaitDone();
        Injector run = Guice.createInjector(new LifelineModule(app, publisher));
        RunResources resources = run.getInstance(RunResources.class);
        return new Opened<>(run.getInstance(port), resources);
    }
}
