package io.lifeline.domain.service;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.TimeoutPolicy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what an attempt ended with into a classified {@link StartupFailure}. An exit is read against the backend's
 * last output, because the output says more than the exit code: a {@code ModuleNotFoundError} is a missing package
 * that no retry can fix, an "address already in use" is a port held by someone else.
 */
public final class FailureClassifier {

    private static final Pattern MODULE_NOT_FOUND = Pattern.compile("ModuleNotFoundError: No module named '([^']+)'");
    /** What servers print when they start listening: uvicorn, hypercorn, gunicorn, Flask. */
    private static final Pattern LISTENING_ON = Pattern.compile(
            "(?:running on|listening on|listening at|serving on)\\s+\\S*?:(\\d{1,5})\\b", Pattern.CASE_INSENSITIVE);
    /** Answers from something that serves HTTP on the port, but not a health report. */
    private static final Set<ProbeFailure.Kind> BAD_ANSWERS = EnumSet.of(ProbeFailure.Kind.HTTP_ERROR,
            ProbeFailure.Kind.NOT_JSON, ProbeFailure.Kind.WRONG_SHAPE, ProbeFailure.Kind.TOO_LARGE);
    private static final Pattern ADDRESS_IN_USE = Pattern.compile(
            "address already in use|\\[Errno (98|48)]|\\[WinError 10048]|only one usage of each socket address",
            Pattern.CASE_INSENSITIVE);

    public StartupFailure classifyExit(int exitCode, List<String> lastOutput, BackendSpec backend,
                                       String interpreter, Endpoint endpoint) {
        List<String> missing = new ArrayList<>();
        for (String line : lastOutput) {
            Matcher module = MODULE_NOT_FOUND.matcher(line);
            if (module.find()) {
                String topLevel = module.group(1).split("\\.")[0];
                if (!missing.contains(topLevel)) {
                    missing.add(topLevel);
                }
            }
        }
        if (!missing.isEmpty()) {
            return new StartupFailure.PackagesMissing(missing, interpreter, backend.installCommand(interpreter));
        }
        Optional<String> bindError = lastOutput.stream().filter(line -> ADDRESS_IN_USE.matcher(line).find())
                .reduce((first, second) -> second);
        if (bindError.isPresent()) {
            return new StartupFailure.PortInUse(endpoint, "the backend could not bind it: " + bindError.get().strip());
        }
        return new StartupFailure.ExitedDuringStartup(exitCode, lastOutput);
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
            return new StartupFailure.UnhealthyServices(last);
        }
        if (last instanceof HealthVerdict.Unreachable unreachable && BAD_ANSWERS.contains(unreachable.failure().kind())) {
            return new StartupFailure.BadHealthResponse(unreachable.failure());
        }
        boolean nothingAnswered = last == null || last instanceof HealthVerdict.Unreachable unreachable
                && unreachable.failure().kind() == ProbeFailure.Kind.CONNECTION_REFUSED;
        if (nothingAnswered && expected.isPresent()) {
            for (int i = lastOutput.size() - 1; i >= 0; i--) {
                Matcher listening = LISTENING_ON.matcher(lastOutput.get(i));
                if (listening.find() && Integer.parseInt(listening.group(1)) != expected.get().port()) {
                    return new StartupFailure.PortMismatch(expected.get(), Integer.parseInt(listening.group(1)),
                            lastOutput.get(i), timeouts.startupTimeout());
                }
            }
        }
        return new StartupFailure.HealthTimeout(timeouts.startupTimeout(), timeouts.probeTimeout(), lastVerdict);
    }
}
