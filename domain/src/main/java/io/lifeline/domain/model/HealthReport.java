package io.lifeline.domain.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A parsed health answer.
 *
 * @param answer     how the answer came back, in the words of the probe's protocol
 * @param status     overall status as the backend put it ({@code healthy}, {@code degraded}, ...)
 * @param services   per service status as sent, e.g. {@code database -> degraded}
 * @param service    the name the backend gives itself, when it sends one
 * @param pid        the backend's own process id, when it sends one
 * @param version    the version or release it reports, when its contract carries one
 */
public record HealthReport(Answer answer, String status, Map<String, String> services, Optional<String> service,
                           OptionalLong pid, Optional<String> correlationId, Optional<Metrics> metrics,
                           Optional<String> version)
        implements HealthObservation {

    /** A report that carries no version. */
    public HealthReport(Answer answer, String status, Map<String, String> services, Optional<String> service,
                        OptionalLong pid, Optional<String> correlationId, Optional<Metrics> metrics) {
        this(answer, status, services, service, pid, correlationId, metrics, Optional.empty());
    }

    public HealthReport {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(status, "status");
        services = Map.copyOf(services);
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(version, "version");
    }

    /** A minimal report, handy for tests and simple backends. */
    public static HealthReport of(String status, Map<String, String> services) {
        return new HealthReport(Answer.SUCCESS, status, services, Optional.empty(), OptionalLong.empty(), Optional.empty(),
                Optional.empty());
    }

    public HealthReport withIdentity(String serviceName, long backendPid) {
        return new HealthReport(answer, status, services, Optional.of(serviceName), OptionalLong.of(backendPid),
                correlationId, metrics);
    }

    @Override
    public <T> T fold(Function<HealthReport, T> report, Function<ProbeFailure, T> failure) {
        return report.apply(this);
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder(InertText.field(answer.description())).append(", status ")
                .append(InertText.field(status));
        service.ifPresent(name -> text.append(", service ").append(InertText.field(name)));
        if (!services.isEmpty()) {
            text.append(", services ").append(new java.util.TreeMap<>(services).entrySet().stream()
                    .map(entry -> InertText.field(entry.getKey()) + "=" + InertText.field(entry.getValue()))
                    .collect(java.util.stream.Collectors.joining(", ", "{", "}")));
        }
        return text.toString();
    }

    /**
     * How the answer came back, in the probe's own terms.
     *
     * @param description the protocol's own words for it (a web probe gives its status line), shown in reports
     * @param successful  whether the protocol calls it a success; a report that came back otherwise
     *                    is never healthy, whatever its body says
     */
    public record Answer(String description, boolean successful) {

        /** A successful answer, for reports built without a probe (tests, simple backends). */
        public static final Answer SUCCESS = new Answer("OK", true);

        public Answer {
            Objects.requireNonNull(description, "description");
        }
    }

    /** The seed's {@code metrics} block. */
    public record Metrics(double uptimeSeconds, double memoryMb, long activeConnections) {
    }
}
