package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.domain.port.out.StatusPublisher;

/**
 * How a command gets its use case without knowing how it is wired: the composition root opens it for the command's
 * resolved configuration, so it may choose adapters by that configuration.
 *
 * @param <P> the inbound port the command drives
 */
@FunctionalInterface
public interface UseCaseFactory<P> {

    /** @param publisher where the run's status events go (the composition root may add outputs, e.g. the log) */
    Opened<P> open(LifelineConfig config, StatusPublisher publisher);

    /** For a command about an app: its adapters are chosen per backend. By default, as its first backend's. */
    default Opened<P> open(AppConfig app, StatusPublisher publisher) {
        return open(app.app(), publisher);
    }
}
