package io.lifeline.domain.service;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.TimeoutPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what an attempt ended with into a classified {@link StartupFailure}. An exit is read against the backend's
 * last output, because the output says more than the exit code: a {@code ModuleNotFoundError} is a missing package
 * that no retry can fix, an "address already in use" is a port held by someone else.
 */
public final class FailureClassifier {

    private static final Pattern MODULE_NOT_FOUND = Pattern.compile("ModuleNotFoundError: No module named '([^']+)'");
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
        if (lastVerdict.isPresent()
                && (lastVerdict.get() instanceof HealthVerdict.Degraded
                || lastVerdict.get() instanceof HealthVerdict.Unhealthy)) {
            return new StartupFailure.UnhealthyServices(lastVerdict.get());
        }
        return new StartupFailure.HealthTimeout(timeouts.startupTimeout(), timeouts.probeTimeout(), lastVerdict);
    }
}
