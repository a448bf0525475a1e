package io.lifeline.adapter.cli.export;

import io.lifeline.adapter.cli.config.HealthContract;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a backend says it is ready, as {@code start} asks it: the contract, where, and what the answer must hold.
 *
 * @param requiredServices the services that must be healthy (sorted), for a contract that names services
 * @param readyLine        the line of output that says ready, when there is one
 */
public record HealthCheck(HealthContract contract, String path, List<String> requiredServices,
                          Optional<String> expectedService, boolean acceptDegraded, Optional<Pattern> readyLine) {

    /**
     * What an engine that runs the check as a program ({@link CheckCommand}: compose's healthcheck, an exec probe)
     * waits beyond {@code healthTimeout}: the program bounds its own request by {@code healthTimeout}, but its start
     * comes first and counts too (Python importing urllib takes about 0.1 s, more on a busy machine or a cold
     * container), so an engine timeout of exactly {@code healthTimeout} would fail a healthy backend. Not for an
     * engine's own httpGet or tcpSocket check, which times the request alone.
     */
    public static final Duration PROGRAM_START_MARGIN = Duration.ofSeconds(2);

    public HealthCheck {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(path, "path");
        requiredServices = requiredServices.stream().sorted().toList();
        Objects.requireNonNull(expectedService, "expectedService");
        Objects.requireNonNull(readyLine, "readyLine");
    }

    /** How long an engine gives the check program: {@code healthTimeout} and {@link #PROGRAM_START_MARGIN}. */
    public static Duration programTimeout(Duration healthTimeout) {
        return healthTimeout.plus(PROGRAM_START_MARGIN);
    }

    /** Whether a 2xx is all it takes: what an engine's own HTTP check (Kubernetes' httpGet) can ask. */
    public boolean statusCodeOnly() {
        return contract == HealthContract.STATUS_CODE;
    }
}
