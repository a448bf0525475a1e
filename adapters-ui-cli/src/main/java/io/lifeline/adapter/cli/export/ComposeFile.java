package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * The part of the compose specification {@link ComposeTarget} writes, as Jackson writes it: one record per mapping,
 * named and ordered as in the specification, absent values left out.
 */
@JsonPropertyOrder({"name", "services"})
record ComposeFile(String name, Map<String, Service> services) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"image", "build", "command", "environment", "env_file", "ports", "healthcheck", "depends_on",
            "restart", "init", "stop_signal", "stop_grace_period"})
    record Service(String image, String build, List<String> command, Map<String, String> environment,
                   @JsonProperty("env_file") List<String> envFile, List<String> ports, Healthcheck healthcheck,
                   @JsonProperty("depends_on") Map<String, DependsOn> dependsOn, String restart, Boolean init,
                   @JsonProperty("stop_signal") String stopSignal,
                   @JsonProperty("stop_grace_period") String stopGracePeriod) {
    }

    /** Durations in compose's notation ({@code 30s}, {@code 100ms}, {@code 1m30s}). */
    @JsonPropertyOrder({"test", "interval", "timeout", "retries", "start_period", "start_interval"})
    record Healthcheck(List<String> test, String interval, String timeout, int retries,
                       @JsonProperty("start_period") String startPeriod,
                       @JsonProperty("start_interval") String startInterval) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"condition", "restart"})
    record DependsOn(String condition, Boolean restart) {
    }
}
