package io.lifeline.adapter.cli.output;

import io.lifeline.domain.model.InertText;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.out.StatusPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Several status publishers as one: every event goes to each in order, and closing closes each in order, once. Each is
 * isolated from the others and from the run: a publisher that throws is logged (once) and the event goes on to the
 * next one; nothing is thrown back to the run's thread, so a broken publisher can neither fail the run nor stop the
 * backend, nor keep the others from an event or from their last one.
 */
public final class StatusPublishers implements ClosableStatusPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPublishers.class);

    /** One publisher, the name the log gives it, and whether its first failure was logged already. */
    private record Member(ClosableStatusPublisher publisher, String name, AtomicBoolean failedBefore) {
    }

    private final List<Member> members;
    private boolean closed;

    private StatusPublishers(List<Member> members) {
        this.members = List.copyOf(members);
    }

    public static StatusPublishers of(StatusPublisher... publishers) {
        List<Member> members = new ArrayList<>();
        for (StatusPublisher publisher : publishers) {
            members.add(new Member(ClosableStatusPublisher.of(publisher), nameOf(publisher), new AtomicBoolean()));
        }
        return new StatusPublishers(members);
    }

    /** Publishing to none at all: for commands that only ask one question and start nothing. */
    public static StatusPublishers none() {
        return new StatusPublishers(List.of());
    }

    @Override
    public void publish(StatusEvent event) {
        for (Member member : members) {
            try {
                member.publisher().publish(event);
            } catch (RuntimeException broken) {
                if (member.failedBefore().compareAndSet(false, true)) {
                    LOG.warn("the status publisher {} failed on the {} event: {}; the run goes on, and the other"
                            + " publishers get every event (further failures of this one are not logged)",
                            member.name(), event.name(), InertText.line(String.valueOf(broken)));
                }
            }
        }
    }

    /** Closes each in order, once; a second caller (a shutdown hook, say) waits until the first has finished. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Member member : members) {
            try {
                member.publisher().close();
            } catch (RuntimeException ignored) {
                // The next publisher still gets its chance to deliver.
            }
        }
    }

    private static String nameOf(StatusPublisher publisher) {
        String name = publisher.getClass().getSimpleName();
        return name.isEmpty() || name.contains("$$Lambda") ? publisher.getClass().getName() : name;
    }
}
