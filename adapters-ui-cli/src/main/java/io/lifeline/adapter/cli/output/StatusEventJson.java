package io.lifeline.adapter.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.StatusEvent;

import java.util.TreeMap;

/**
 * The JSON form of a status event: the seed's {@code backend-status} message, and the one schema every output that
 * speaks JSON uses (the {@code --json} event stream, a webhook, a GUI bridge). The fields are stable and documented
 * in docs/configuration.md, "JSON events": {@code status, port, pid, attempt, correlationId, timestamp, detail} on
 * every event, plus a few per event.
 */
public final class StatusEventJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The version of the event schema: 2 added {@code backend}, {@code schemaVersion} and the {@code completed} and
     * {@code skipped} events. Fields are only ever added within a version.
     */
    public static final int SCHEMA_VERSION = 2;

    private StatusEventJson() {
    }

    /** One line of JSON, no line break. */
    public static String render(StatusEvent event, Endpoint endpoint) {
        return InertJson.line(toJson(event, endpoint));
    }

    /**
     * As {@link #render(StatusEvent, Endpoint)}, for a backend reached by no port (a job, a worker ready by its
     * output) when {@code reachedByPort} is false: its {@code detail} does not name the port that only names its record.
     */
    public static String render(StatusEvent event, Endpoint endpoint, boolean reachedByPort) {
        ObjectNode json = toJson(event, endpoint);
        json.put("detail", StatusText.line(event, reachedByPort));
        return InertJson.line(json);
    }

    /** The event as a JSON object, for an adapter that embeds it or adds fields of its own. */
    public static ObjectNode toJson(StatusEvent event, Endpoint endpoint) {
        ObjectNode json = JSON.createObjectNode();
        json.put("status", event.name());
        json.put("port", endpoint.port());
        json.putNull("pid");
        json.putNull("attempt");
        json.put("correlationId", event.correlationId().value());
        json.put("timestamp", event.timestamp().toString());
        json.put("detail", StatusText.line(event));
        switch (event.kind()) {
            case LAUNCHING -> {
                StatusEvent.Launching launching = (StatusEvent.Launching) event;
                json.put("pid", launching.pid());
                json.put("attempt", launching.attempt());
                json.put("maxAttempts", launching.maxAttempts());
            }
            case CONNECTED -> {
                StatusEvent.Connected connected = (StatusEvent.Connected) event;
                connected.pid().ifPresent(pid -> json.put("pid", pid));
                json.put("attempt", connected.attempt());
                json.put("attached", connected.attached());
                connected.proof().ifPresent(proof -> json.put("proof", proof.proof().name().toLowerCase(
                        java.util.Locale.ROOT).replace('_', '-')));
                json.put("elapsedMs", connected.elapsed().toMillis());
            }
            case COMPLETED -> {
                StatusEvent.Completed completed = (StatusEvent.Completed) event;
                json.put("pid", completed.pid());
                json.put("attempt", completed.attempt());
                json.put("exitCode", 0);
                json.put("elapsedMs", completed.elapsed().toMillis());
            }
            case SKIPPED -> json.put("root", ((StatusEvent.Skipped) event).root().value());
            case RETRYING -> {
                StatusEvent.Retrying retrying = (StatusEvent.Retrying) event;
                json.put("attempt", retrying.nextAttempt());
                json.put("maxAttempts", retrying.maxAttempts());
                json.put("delayMs", retrying.delay().toMillis());
                json.put("restart", retrying.restart());
                json.put("failure", retrying.cause().failureClass().name());
            }
            case DEGRADED -> {
                ObjectNode services = json.putObject("services");
                new TreeMap<>(((StatusEvent.Degraded) event).services()).forEach(services::put);
            }
            case DISCONNECTED -> {
                StatusEvent.Disconnected disconnected = (StatusEvent.Disconnected) event;
                disconnected.pid().ifPresent(pid -> json.put("pid", pid));
                disconnected.exitCode().ifPresent(code -> json.put("exitCode", code));
            }
            case FAILED -> {
                StatusEvent.Failed failed = (StatusEvent.Failed) event;
                json.put("attempt", failed.attempts());
                json.put("failure", failed.cause().failureClass().name());
                json.put("remedy", failed.cause().remedy(CliSettingNames.INSTANCE));
                json.put("exitCode", ExitCode.of(failed.cause().failureClass()).code());
                json.putArray("lastOutput").addAll(failed.lastOutput().stream()
                        .map(line -> JSON.getNodeFactory().textNode(line)).toList());
            }
            case UNHEALTHY, STOPPED -> {
                // The common fields say it all.
            }
        }
        // Last, so that a front end matching the version 1 fields in their order still finds them.
        json.put("backend", event.backend().value());
        json.put("schemaVersion", SCHEMA_VERSION);
        return json;
    }
}
