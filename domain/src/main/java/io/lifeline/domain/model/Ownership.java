package io.lifeline.domain.model;

import java.util.Objects;
import java.util.Optional;

/** Whether a ready backend found on the port is ours, and how that was shown, or why not. */
public sealed interface Ownership {

    /**
     * Why it is not proven ours, as a refusal (an {@link Unproven} one names no holder and no stale backend); empty
     * when it is proven. For the places that treat "refused" and "nothing proves it" alike.
     */
    default Optional<Refused> refusal() {
        if (this instanceof Refused refused) {
            return Optional.of(refused);
        }
        if (this instanceof Unproven unproven) {
            return Optional.of(new Refused(unproven.reason(), Optional.empty(), false));
        }
        return Optional.empty();
    }

    /** How a backend was shown to be ours. */
    enum Proof {
        LAUNCHED_BY_LIFELINE("launched by Lifeline"),
        CHALLENGE_ANSWERED("answered the challenge"),
        STARTED_BY_HAND("the configured command, started by hand"),
        /**
         * A backend this run launched answers, but nothing could show the listener is that process: the operating
         * system does not say who listens, and the backend does not answer the challenge. Said, never claimed.
         */
        NONE("not proven: the operating system does not say who listens and the backend did not answer the"
                + " challenge");

        private final String words;

        Proof(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * @param detail   what the proof rests on, e.g. the state record and the pid
     * @param listener the process shown to listen on the port, when the operating system showed it: the one to watch
     */
    record Proven(Proof proof, String detail, Optional<ProcessFacts> listener) implements Ownership {
        public Proven {
            Objects.requireNonNull(proof, "proof");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(listener, "listener");
        }

        public Proven(Proof proof, String detail) {
            this(proof, detail, Optional.empty());
        }
    }

    /**
     * Nothing proves it either way right now: the check broke, or what answered has left the port. Not a refusal of
     * anyone in particular, and not a claim.
     */
    record Unproven(String reason) implements Ownership {
        public Unproven {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * @param reason which proof failed and why, in one sentence
     * @param holder what listens on the port, when the operating system says
     * @param stale  whether it runs the configured program from another place: a backend of another checkout
     */
    record Refused(String reason, Optional<PortHolder> holder, boolean stale) implements Ownership {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(holder, "holder");
        }
    }
}
