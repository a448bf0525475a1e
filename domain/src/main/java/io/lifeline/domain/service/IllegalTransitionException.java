package io.lifeline.domain.service;

import io.lifeline.domain.model.StartupState;

/** A transition the state machine does not allow: always a programming error, never a user error. */
public final class IllegalTransitionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public IllegalTransitionException(StartupState from, StartupState to) {
        super("illegal startup transition " + from + " -> " + to);
    }
}
