package io.lifeline.adapter.cli.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the backend says it is ready: the answer format of its health endpoint, or a plain TCP connect for a backend
 * without one. Each is one adapter class; the composition root picks it by this setting.
 */
public enum HealthContract {
    /** Lifeline's own JSON: {@code status} and {@code services} (docs/backend-contract.md). */
    LIFELINE,
    /** Any accepted status code is healthy; the body is ignored (what Docker's and Testcontainers' HTTP checks do). */
    STATUS_CODE,
    /** {@code application/health+json} (draft-inadarei-api-health-check): pass, warn, fail; checks as services. */
    IETF,
    /** Spring Boot actuator: UP, DOWN, OUT_OF_SERVICE, UNKNOWN; components as services. */
    SPRING,
    /** Ready when a TCP connect to host:port succeeds. */
    TCP,
    /** No health to ask: ready when {@code readyLine} matches; watched by its process. */
    NONE;

    /** {@code status-code}, as in the config file. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether it answers per service, so that {@code requiredServices} means something. */
    public boolean hasServices() {
        return this == LIFELINE || this == IETF || this == SPRING;
    }

    static HealthContract parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(contract -> contract.label().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of " + Arrays.stream(values())
                        .map(HealthContract::label).collect(Collectors.joining(", "))));
    }
}
