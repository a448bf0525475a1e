package io.lifeline.adapter.cli.output;

import io.lifeline.domain.model.InertText;
import io.lifeline.domain.model.StatusEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every status event in the log too, so that lifeline.log tells a run's whole story on its own. Closing it writes what
 * the log still buffers, so the run's last event is in the file even when the JVM goes down through a shutdown hook.
 */
public final class LoggingStatusPublisher implements ClosableStatusPublisher {

    private static final Logger LOG = LoggerFactory.getLogger("io.lifeline.status");

    @Override
    public void publish(StatusEvent event) {
        MDC.put("correlationId", event.correlationId().value());
        try {
            if (event instanceof StatusEvent.Failed failed) {
                LOG.warn("{}; remedy: {}", StatusText.line(event),
                        InertText.line(failed.cause().remedy(CliSettingNames.INSTANCE)));
                failed.cause().details().forEach(detail -> LOG.warn("  {}", InertText.line(detail)));
            } else {
                LOG.info("{}", StatusText.line(event));
            }
        } finally {
            MDC.remove("correlationId");
        }
    }

    @Override
    public void close() {
        LogSetup.flush();
    }
}
