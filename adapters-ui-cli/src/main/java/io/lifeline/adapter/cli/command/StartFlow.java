package io.lifeline.adapter.cli.command;

import io.lifeline.domain.port.in.StartAppUseCase;
import io.lifeline.domain.port.in.StartBackendUseCase;

import java.util.Objects;

/**
 * What {@code start} drives, and what {@code Lifeline.open} hands a front end: the start of an app (every backend, in
 * dependency order), and of one backend on its own.
 */
public record StartFlow(StartBackendUseCase startBackend, StartAppUseCase startApp) {

    public StartFlow {
        Objects.requireNonNull(startBackend, "startBackend");
        Objects.requireNonNull(startApp, "startApp");
    }
}
