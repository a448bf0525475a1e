package io.lifeline.domain.usecase;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Where runs do their work. Each run processes its events one at a time on {@code events} (through its own serial
 * queue), so that executor should be one thread that does nothing else; {@code blocking} takes the few calls that may
 * block (the port-holder lookup), so the event thread never does.
 */
public record RunExecutors(Executor events, Executor blocking) {

    /** Everything on the caller's thread, one event after the other: for tests on fakes, where nothing blocks. */
    public static final RunExecutors DIRECT = new RunExecutors(Runnable::run, Runnable::run);

    public RunExecutors {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(blocking, "blocking");
    }
}
