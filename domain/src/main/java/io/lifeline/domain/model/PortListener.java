package io.lifeline.domain.model;

import java.util.Objects;

/** What the operating system says listens on a port: a process it names, another user's socket, nothing, or it cannot tell. */
public sealed interface PortListener {

    /** A process it names (this user's, or anyone's when Lifeline runs as root). */
    record Held(PortHolder holder) implements PortListener {
        public Held {
            Objects.requireNonNull(holder, "holder");
        }
    }

    /** A socket of another user, whose process it does not show. */
    record OtherUser(int uid) implements PortListener {
    }

    /** Nothing listens on the port. */
    record Nobody() implements PortListener {
    }

    /** It does not say (no {@code /proc}, or the process is hidden). */
    record Unknown() implements PortListener {
    }
}
