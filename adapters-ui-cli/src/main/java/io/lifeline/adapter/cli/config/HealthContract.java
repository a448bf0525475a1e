package io.lifeline.adapter.cli.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the backend says it is ready: the answer format of its health endpoint, or a plain TCP connect for a backend
 * without one. Each is one adapter class; the composition root picks it by this setting. The one declaration of the
 * contracts: the {@code health} setting's help, its parser and the messages about it list them from here, and a test
 * checks that each doc that lists them names every one. A new contract goes last or anywhere: nothing counts on the
 * order.
 */
public enum HealthContract {
    /** Lifeline's own JSON: {@code status} and {@code services} (docs/backend-contract.md). */
    LIFELINE("its JSON", Services.NAMED),
    /** Any accepted status code is healthy; the body is ignored (what Docker's and Testcontainers' HTTP checks do). */
    STATUS_CODE("any 2xx", Services.NOT_NAMED),
    /** {@code application/health+json} (draft-inadarei-api-health-check): pass, warn, fail; checks as services. */
    IETF("application/health+json", Services.NAMED),
    /** Spring Boot actuator: UP, DOWN, OUT_OF_SERVICE, UNKNOWN; components as services. */
    SPRING("actuator", Services.NAMED),
    /** Ready when a TCP connect to host:port succeeds. */
    TCP("a connect succeeds", Services.NOT_NAMED),
    /** No health to ask: ready when {@code readyLine} matches; watched by its process. */
    NONE("readyLine alone", Services.NOT_NAMED);

    /** Whether an answer names services, so that {@code requiredServices} means something. */
    public enum Services { NAMED, NOT_NAMED }

    private final String summary;
    private final Services services;

    HealthContract(String summary, Services services) {
        this.summary = summary;
        this.services = services;
    }

    /** {@code status-code}, as in the config file. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether it answers per service, so that {@code requiredServices} means something. */
    public boolean hasServices() {
        return services == Services.NAMED;
    }

    /** Every contract with its few words, e.g. {@code lifeline (its JSON), ..., or none (readyLine alone)}. */
    public static String described() {
        List<String> each = Arrays.stream(values()).map(contract -> contract.label() + " (" + contract.summary + ")")
                .toList();
        return String.join(", ", each.subList(0, each.size() - 1)) + ", or " + each.get(each.size() - 1);
    }

    /** The labels of the contracts that report services, e.g. {@code lifeline, ietf, spring}. */
    public static String withServices() {
        return Arrays.stream(values()).filter(HealthContract::hasServices).map(HealthContract::label)
                .collect(Collectors.joining(", "));
    }

    static HealthContract parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(contract -> contract.label().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of " + Arrays.stream(values())
                        .map(HealthContract::label).collect(Collectors.joining(", "))));
    }
}
