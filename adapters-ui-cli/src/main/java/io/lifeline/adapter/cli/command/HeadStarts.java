package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.domain.port.in.HeadStart;
import io.lifeline.domain.port.in.StartBackendCommand;

import java.util.Optional;

/**
 * Begins the first launch before the run's object graph is built, when nothing listens on the port, so the backend
 * boots while Lifeline sets itself up (docs/performance.md). Anything else, a port that answers or cannot be told,
 * is left to the run's own check.
 */
@FunctionalInterface
public interface HeadStarts {

    HeadStarts NONE = (config, command) -> Optional.empty();

    Optional<HeadStart> begin(LifelineConfig config, StartBackendCommand command);
}
