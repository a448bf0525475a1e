package io.lifeline.domain.testing;

import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.out.StatusPublisher;

import java.util.ArrayList;
import java.util.List;

/** Keeps every published event, in order. */
public final class RecordingStatusPublisher implements StatusPublisher {

    private final List<StatusEvent> events = new ArrayList<>();

    @Override
    public void publish(StatusEvent event) {
        events.add(event);
    }

    public List<StatusEvent> events() {
        return List.copyOf(events);
    }

    /** The event names in order: {@code launching, retrying, ...}. */
    public List<String> names() {
        return events.stream().map(StatusEvent::name).toList();
    }

    public <E extends StatusEvent> List<E> ofType(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The one event of this type; fails the test if there is none or more than one. */
    public <E extends StatusEvent> E single(Class<E> type) {
        List<E> matching = ofType(type);
        if (matching.size() != 1) {
            throw new AssertionError("expected exactly one " + type.getSimpleName() + " event but got " + names());
        }
        return matching.get(0);
    }

    public StatusEvent last() {
        if (events.isEmpty()) {
            throw new AssertionError("no event was published");
        }
        return events.get(events.size() - 1);
    }
}
