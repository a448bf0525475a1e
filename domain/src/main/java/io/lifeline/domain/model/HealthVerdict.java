package io.lifeline.domain.model;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a health observation means for the front end. */
public sealed interface HealthVerdict {

    String describe();

    /** The report a ready answer came with: present for healthy and degraded, empty for the rest. */
    Optional<HealthReport> readyReport();

    /** The services that are not healthy, with their status: for degraded and unhealthy verdicts. */
    default Map<String, String> troubledServices() {
        return Map.of();
    }

    record Healthy(HealthReport report) implements HealthVerdict {
        @Override
        public Optional<HealthReport> readyReport() {
            return Optional.of(report);
        }

        @Override
        public String describe() {
            return "healthy";
        }
    }

    /** Serving, but the named services are degraded. */
    record Degraded(Map<String, String> services, HealthReport report) implements HealthVerdict {
        public Degraded {
            services = Map.copyOf(services);
        }

        @Override
        public Map<String, String> troubledServices() {
            return services;
        }

        @Override
        public Optional<HealthReport> readyReport() {
            return Optional.of(report);
        }

        @Override
        public String describe() {
            return "degraded (" + listServices(services) + ")";
        }
    }

    /** Answering, but not fit to use: the named services are unhealthy or missing, or the reason says why. */
    record Unhealthy(Map<String, String> services, String reason) implements HealthVerdict {
        public Unhealthy {
            services = Map.copyOf(services);
        }

        @Override
        public Map<String, String> troubledServices() {
            return services;
        }

        @Override
        public Optional<HealthReport> readyReport() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return services.isEmpty() ? "unhealthy (" + InertText.field(reason) + ")"
                    : "unhealthy (" + listServices(services) + ")";
        }
    }

    /**
     * A healthy-looking answer from something that is not the expected backend: the {@code service} name in its
     * report differs. Never accepted, whatever its health.
     */
    record Foreign(String service, HealthReport report) implements HealthVerdict {
        @Override
        public Optional<HealthReport> readyReport() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "another service answers: '" + InertText.field(service) + "'"
                    + (report.pid().isPresent() ? " (pid " + report.pid().getAsLong() + ")" : "");
        }
    }

    /** No usable answer at all. */
    record Unreachable(ProbeFailure failure) implements HealthVerdict {
        @Override
        public Optional<HealthReport> readyReport() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "unreachable (" + failure.describe() + ")";
        }
    }

    /** {@code cache: unhealthy, database: degraded} in a stable order, each name and status made inert. */
    static String listServices(Map<String, String> services) {
        return new TreeMap<>(services).entrySet().stream()
                .map(entry -> InertText.field(entry.getKey()) + ": " + InertText.field(entry.getValue()))
                .collect(Collectors.joining(", "));
    }
}
