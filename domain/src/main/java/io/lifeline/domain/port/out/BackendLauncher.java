package io.lifeline.domain.port.out;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.model.StartupFailure;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

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

        /** One of the two functions, by what happened. */
        <T> T fold(Function<RunningBackend, T> launched, Function<StartupFailure, T> notLaunched);

        record Launched(RunningBackend backend) implements LaunchResult {
            @Override
            public <T> T fold(Function<RunningBackend, T> launched, Function<StartupFailure, T> notLaunched) {
                return launched.apply(backend);
            }
        }

        record NotLaunched(StartupFailure failure) implements LaunchResult {
            @Override
            public <T> T fold(Function<RunningBackend, T> launched, Function<StartupFailure, T> notLaunched) {
                return notLaunched.apply(failure);
            }
        }
    }
}
