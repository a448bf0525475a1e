package io.lifeline.domain.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which health reports count as ready.
 *
 * @param requiredServices services that must be present and {@code healthy} (or {@code degraded}, if accepted)
 * @param acceptDegraded   whether a degraded backend counts as connected; off in the seed
 * @param expectedService  the {@code service} name the backend must report, when set; a report without a name is
 *                         accepted (the seed's backend sends none), one with another name is {@link HealthVerdict.Foreign}
 */
public record HealthAcceptance(Set<String> requiredServices, boolean acceptDegraded,
                               Optional<String> expectedService) {

    public static final Set<String> DEFAULT_REQUIRED_SERVICES = Set.of("cache", "websocket", "database");
    public static final boolean DEFAULT_ACCEPT_DEGRADED = false;
    public static final HealthAcceptance DEFAULT =
            new HealthAcceptance(DEFAULT_REQUIRED_SERVICES, DEFAULT_ACCEPT_DEGRADED, Optional.empty());

    private static final String HEALTHY = "healthy";
    private static final String DEGRADED = "degraded";

    public HealthAcceptance {
        Objects.requireNonNull(requiredServices, "required services");
        if (requiredServices.stream().anyMatch(name -> name == null || name.isBlank())) {
            throw new IllegalArgumentException("required service names must not be empty");
        }
        requiredServices = Set.copyOf(requiredServices);
        Objects.requireNonNull(expectedService, "expected service");
        if (expectedService.isPresent() && expectedService.get().isBlank()) {
            throw new IllegalArgumentException("expected service name must not be empty");
        }
    }

    public HealthAcceptance(Set<String> requiredServices, boolean acceptDegraded) {
        this(requiredServices, acceptDegraded, Optional.empty());
    }

    public HealthAcceptance withAcceptDegraded(boolean value) {
        return new HealthAcceptance(requiredServices, value, expectedService);
    }

    public HealthAcceptance withExpectedService(String name) {
        return new HealthAcceptance(requiredServices, acceptDegraded, Optional.of(name));
    }

    public HealthVerdict evaluate(HealthObservation observation) {
        return observation.fold(this::evaluate, HealthVerdict.Unreachable::new);
    }

    private HealthVerdict evaluate(HealthReport report) {
        if (expectedService.isPresent() && report.service().isPresent()
                && !report.service().get().equals(expectedService.get())) {
            return new HealthVerdict.Foreign(report.service().get(), report);
        }
        Map<String, String> unhealthy = new LinkedHashMap<>();
        Map<String, String> degraded = new LinkedHashMap<>();
        for (String name : requiredServices) {
            String status = report.services().get(name);
            String normalized = status == null ? "missing" : status.toLowerCase(Locale.ROOT);
            switch (normalized) {
                case HEALTHY -> { }
                case DEGRADED -> degraded.put(name, normalized);
                default -> unhealthy.put(name, status == null ? "missing" : status);
            }
        }
        String overall = report.status().toLowerCase(Locale.ROOT);
        boolean success = report.answer().successful();
        if (!unhealthy.isEmpty()) {
            return new HealthVerdict.Unhealthy(unhealthy, "overall status " + report.status());
        }
        if (!success) {
            return new HealthVerdict.Unhealthy(degraded, report.answer().description() + ", status "
                    + report.status());
        }
        if (!degraded.isEmpty() || overall.equals(DEGRADED)) {
            return new HealthVerdict.Degraded(degraded, report);
        }
        if (!overall.equals(HEALTHY)) {
            return new HealthVerdict.Unhealthy(Map.of(), "overall status " + report.status());
        }
        return new HealthVerdict.Healthy(report);
    }

    public boolean accepts(HealthVerdict verdict) {
        return verdict instanceof HealthVerdict.Healthy
                || (acceptDegraded && verdict instanceof HealthVerdict.Degraded);
    }
}
