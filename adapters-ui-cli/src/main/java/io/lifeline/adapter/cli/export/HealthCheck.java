package io.lifeline.adapter.cli.export;

import io.lifeline.adapter.cli.config.HealthContract;

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

    public HealthCheck {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(path, "path");
        requiredServices = requiredServices.stream().sorted().toList();
        Objects.requireNonNull(expectedService, "expectedService");
        Objects.requireNonNull(readyLine, "readyLine");
    }

    /** Whether it is asked over HTTP: every contract but {@code tcp} and {@code none}. */
    public boolean overHttp() {
        return contract != HealthContract.TCP && contract != HealthContract.NONE;
    }

    /** Whether a 2xx is all it takes: what an engine's own HTTP check (Kubernetes' httpGet) can ask. */
    public boolean statusCodeOnly() {
        return contract == HealthContract.STATUS_CODE;
    }
}
