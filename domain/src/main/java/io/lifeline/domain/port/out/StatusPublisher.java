package io.lifeline.domain.port.out;

import io.lifeline.domain.model.StatusEvent;

/** Tells the front end (terminal, GUI, JSON stream) what is happening. Must not block. */
@FunctionalInterface
public interface StatusPublisher {

    void publish(StatusEvent event);
}
