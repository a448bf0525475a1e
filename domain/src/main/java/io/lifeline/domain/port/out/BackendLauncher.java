package io.lifeline.domain.port.out;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.model.StartupFailure;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** Starts a backend process. Finding an interpreter that can run it is part of launching. */
public interface BackendLauncher {

    /** Never completes exceptionally: a launch that cannot happen is a {@link LaunchResult.NotLaunched}. */
    CompletionStage<LaunchResult> launch(LaunchRequest request);

    record LaunchRequest(BackendSpec backend, Endpoint endpoint, CorrelationId correlationId, LaunchMode mode) {
        public LaunchRequest {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(mode, "mode");
        }

        public LaunchRequest(BackendSpec backend, Endpoint endpoint, CorrelationId correlationId) {
            this(backend, endpoint, correlationId, LaunchMode.ATTACHED);
        }
    }

    sealed interface LaunchResult {

        /** Hands what happened to the one of the two that fits. */
        void handle(Consumer<RunningBackend> launched, Consumer<StartupFailure> notLaunched);

        record Launched(RunningBackend backend) implements LaunchResult {
            @Override
            public void handle(Consumer<RunningBackend> launched, Consumer<StartupFailure> notLaunched) {
                launched.accept(backend);
            }
        }

        record NotLaunched(StartupFailure failure) implements LaunchResult {
            @Override
            public void handle(Consumer<RunningBackend> launched, Consumer<StartupFailure> notLaunched) {
                notLaunched.accept(failure);
            }
        }
    }
}
