package io.lifeline.it;

import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.out.StatusPublisher;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event, in order, for assertions. */
final class RecordingStatusPublisher implements StatusPublisher {

    private final List<StatusEvent> events = new ArrayList<>();

    @Override
    public synchronized void publish(StatusEvent event) {
        events.add(event);
    }

    synchronized List<StatusEvent> events() {
        return List.copyOf(events);
    }

    synchronized List<String> names() {
        return events.stream().map(StatusEvent::name).toList();
    }

    synchronized <T extends StatusEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
