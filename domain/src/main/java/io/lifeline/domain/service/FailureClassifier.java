package io.lifeline.domain.service;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.BadHealthResponse;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.HealthTimeout;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.PortMismatch;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.model.UnhealthyServices;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns what an attempt ended with into a classified {@link StartupFailure}. An exit is read against the backend's
 * last output through the {@link BackendProfile}, because the output says more than the exit code (a missing package
 * no retry can fix, a port held by someone else); at a deadline, the last thing seen is the cause.
 */
public final class FailureClassifier {

    /** Answers from something that serves on the port, but not a health report. */
    private static final Set<ProbeFailure.Kind> BAD_ANSWERS = EnumSet.of(ProbeFailure.Kind.ERROR_STATUS,
            ProbeFailure.Kind.NOT_JSON, ProbeFailure.Kind.WRONG_SHAPE, ProbeFailure.Kind.TOO_LARGE);

    private final BackendProfile profile;

    public FailureClassifier(BackendProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    public StartupFailure classifyExit(int exitCode, List<String> lastOutput, BackendSpec backend, String program,
                                       Endpoint endpoint) {
        return profile.explainExit(exitCode, lastOutput, backend, program, endpoint)
                .orElseGet(() -> new ExitedDuringStartup(exitCode, lastOutput));
    }

    /** At the deadline, the last thing seen is the cause: a backend that answered unhealthy is not a timeout. */
    public StartupFailure classifyTimeout(TimeoutPolicy timeouts, Optional<HealthVerdict> lastVerdict) {
        return classifyTimeout(timeouts, lastVerdict, List.of(), Optional.empty());
    }

    /**
     * As {@link #classifyTimeout(TimeoutPolicy, Optional)}, and when nothing ever answered on the expected port,
     * the backend's output may show that it listens elsewhere.
     */
    public StartupFailure classifyTimeout(TimeoutPolicy timeouts, Optional<HealthVerdict> lastVerdict,
                                         List<String> lastOutput, Optional<Endpoint> expected) {
        HealthVerdict last = lastVerdict.orElse(null);
        if (last instanceof HealthVerdict.Degraded || last instanceof HealthVerdict.Unhealthy) {
            return new UnhealthyServices(last);
        }
        if (last instanceof HealthVerdict.Unreachable unreachable && BAD_ANSWERS.contains(unreachable.failure().kind())) {
            return new BadHealthResponse(unreachable.failure());
        }
        boolean nothingAnswered = last == null || last instanceof HealthVerdict.Unreachable unreachable
                && unreachable.failure().kind() == ProbeFailure.Kind.CONNECTION_REFUSED;
        if (nothingAnswered && expected.isPresent()) {
            for (int i = lastOutput.size() - 1; i >= 0; i--) {
                OptionalInt port = profile.listeningPort(lastOutput.get(i));
                if (port.isPresent() && port.getAsInt() != expected.get().port()) {
                    return new PortMismatch(expected.get(), port.getAsInt(), lastOutput.get(i),
                            timeouts.startupTimeout());
                }
            }
        }
        return new HealthTimeout(timeouts.startupTimeout(), timeouts.probeTimeout(), lastVerdict);
    }
}
