package io.lifeline.adapter.cli.command;

import io.lifeline.domain.port.in.CheckBackendStatusUseCase;
import io.lifeline.domain.port.in.StartBackendUseCase;

import java.util.Objects;

/**
 * What {@code start} drives: the start itself, and (for {@code --detach}) the question when the started process
 * began, which the state file records so that {@code stop} never stops a reused pid.
 */
public record StartFlow(StartBackendUseCase startBackend, CheckBackendStatusUseCase backends) {

    public StartFlow {
        Objects.requireNonNull(startBackend, "startBackend");
        Objects.requireNonNull(backends, "backends");
    }
}
