package io.lifeline.adapter.cli.output;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.lifeline.domain.model.InertText;

/**
 * {@code %inertMsg}: the message of a log line made inert ({@link InertText#line}), so that a line of the backend's
 * output, or one of Lifeline's that quotes a health answer, cannot forge a line of {@code lifeline.log} or carry a
 * terminal sequence to whoever reads it with {@code cat} or {@code tail -f}.
 */
public final class InertMessageConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return InertText.line(event.getFormattedMessage());
    }
}
