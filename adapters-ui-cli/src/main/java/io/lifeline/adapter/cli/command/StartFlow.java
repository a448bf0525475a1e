package io.lifeline.adapter.cli.command;

import io.lifeline.domain.port.in.StartBackendUseCase;

import java.util.Objects;

/** What {@code start} drives, and what {@code Lifeline.open} hands a front end: the start itself. */
public record StartFlow(StartBackendUseCase startBackend) {

    public StartFlow {
        Objects.requireNonNull(startBackend, "startBackend");
    }
}
