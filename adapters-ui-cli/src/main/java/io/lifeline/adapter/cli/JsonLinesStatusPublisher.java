package io.lifeline.adapter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.out.StatusPublisher;

import java.io.PrintStream;
import java.util.TreeMap;

/**
 * One JSON object per status event, one per line, for front ends that script the CLI: the seed's
 * {@code backend-status} message. The fields are a stable, documented schema (docs/configuration.md, "JSON events"):
 * {@code status, port, pid, attempt, correlationId, timestamp, detail}, plus a few per event.
 */
public final class JsonLinesStatusPublisher implements StatusPublisher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final Endpoint endpoint;

    public JsonLinesStatusPublisher(PrintStream out, Endpoint endpoint) {
        this.out = out;
        this.endpoint = endpoint;
    }

    @Override
    public synchronized void publish(StatusEvent event) {
        out.println(toJson(event));
        out.flush();
    }

    static String toJson(StatusEvent event, Endpoint endpoint) {
        return new JsonLinesStatusPublisher(null, endpoint).toJson(event);
    }

    private String toJson(StatusEvent event) {
        ObjectNode json = JSON.createObjectNode();
        json.put("status", event.name());
        json.put("port", endpoint.port());
        json.putNull("pid");
        json.putNull("attempt");
        json.put("correlationId", event.correlationId().value());
        json.put("timestamp", event.timestamp().toString());
        json.put("detail", TerminalStatusNotifier.line(event));
        if (event instanceof StatusEvent.Launching launching) {
            json.put("pid", launching.pid());
            json.put("attempt", launching.attempt());
            json.put("maxAttempts", launching.maxAttempts());
        } else if (event instanceof StatusEvent.Connected connected) {
            connected.pid().ifPresent(pid -> json.put("pid", pid));
            json.put("attempt", connected.attempt());
            json.put("attached", connected.attached());
            json.put("elapsedMs", connected.elapsed().toMillis());
        } else if (event instanceof StatusEvent.Retrying retrying) {
            json.put("attempt", retrying.nextAttempt());
            json.put("maxAttempts", retrying.maxAttempts());
            json.put("delayMs", retrying.delay().toMillis());
            json.put("restart", retrying.restart());
            json.put("failure", retrying.cause().failureClass().name());
        } else if (event instanceof StatusEvent.Degraded degraded) {
            ObjectNode services = json.putObject("services");
            new TreeMap<>(degraded.services()).forEach(services::put);
        } else if (event instanceof StatusEvent.Disconnected disconnected) {
            disconnected.pid().ifPresent(pid -> json.put("pid", pid));
            disconnected.exitCode().ifPresent(code -> json.put("exitCode", code));
        } else if (event instanceof StatusEvent.Failed failed) {
            json.put("attempt", failed.attempts());
            json.put("failure", failed.cause().failureClass().name());
            json.put("remedy", failed.cause().remedy(CliSettingNames.INSTANCE));
            json.put("exitCode", ExitCode.of(failed.cause().failureClass()).code());
            json.putArray("lastOutput").addAll(failed.lastOutput().stream()
                    .map(line -> JSON.getNodeFactory().textNode(line)).toList());
        }
        return json.toString();
    }
}
