package io.lifeline.domain.testing;

import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.HealthReport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Test data builder for {@link HealthReport}s. Starts from the fixture backend's healthy answer: HTTP 200, status
 * {@code healthy}, every default required service healthy. Immutable: every {@code with*} returns a new builder.
 */
public record HealthReports(int httpStatus, String status, Map<String, String> services, OptionalLong pid) {

    public static final String HEALTHY = "healthy";
    public static final String DEGRADED = "degraded";
    public static final String UNHEALTHY = "unhealthy";
    public static final String SERVICE_NAME = "lifeline-fixture";

    public HealthReports {
        services = Map.copyOf(services);
    }

    public static HealthReports aHealthyReport() {
        Map<String, String> all = new LinkedHashMap<>();
        HealthAcceptance.DEFAULT_REQUIRED_SERVICES.forEach(name -> all.put(name, HEALTHY));
        return new HealthReports(200, HEALTHY, all, OptionalLong.empty());
    }

    public static HealthReport healthy() {
        return aHealthyReport().build();
    }

    /** Serving, with the database degraded: the seed's "degraded" answer. */
    public static HealthReport databaseDegraded() {
        return aHealthyReport().withStatus(DEGRADED).withService("database", DEGRADED).build();
    }

    public static HealthReport cacheUnhealthy() {
        return aHealthyReport().withStatus(UNHEALTHY).withService("cache", UNHEALTHY).build();
    }

    public HealthReports withStatus(String value) {
        return new HealthReports(httpStatus, value, services, pid);
    }

    public HealthReports withHttpStatus(int value) {
        return new HealthReports(value, status, services, pid);
    }

    public HealthReports withService(String name, String serviceStatus) {
        Map<String, String> changed = new LinkedHashMap<>(services);
        changed.put(name, serviceStatus);
        return new HealthReports(httpStatus, status, changed, pid);
    }

    public HealthReports withoutService(String name) {
        Map<String, String> changed = new LinkedHashMap<>(services);
        changed.remove(name);
        return new HealthReports(httpStatus, status, changed, pid);
    }

    /** The backend names itself and reports its own pid, as the fixture does. */
    public HealthReports withPid(long value) {
        return new HealthReports(httpStatus, status, services, OptionalLong.of(value));
    }

    public HealthReport build() {
        HealthReport.Answer answer = new HealthReport.Answer("HTTP " + httpStatus, httpStatus / 100 == 2);
        return new HealthReport(answer, status, services, pid.isPresent() ? Optional.of(SERVICE_NAME)
                : Optional.empty(), pid, Optional.empty(), Optional.empty());
    }
}
