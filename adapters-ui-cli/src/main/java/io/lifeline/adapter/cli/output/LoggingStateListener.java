package io.lifeline.adapter.cli.output;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.InertText;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.port.out.StartupStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Instant;

/** Writes every state transition to the log, tagged with the run's correlation id. */
public final class LoggingStateListener implements StartupStateListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.lifeline.state");

    @Override
    public void onTransition(CorrelationId correlationId, StartupState from, StartupState to, Instant at) {
        MDC.put("correlationId", correlationId.value());
        try {
            LOG.info("{} -> {} ({})", from.label(), to.label(), InertText.line(to.toString()));
        } finally {
            MDC.remove("correlationId");
        }
    }
}
