package io.lifeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The JSON Lines of one {@code lifeline start --json}, read on a thread of their own as they arrive, each stamped
 * with {@link System#nanoTime()} on arrival. Backend pids from {@code launching} events go to {@code backendPids}, so
 * that the benchmark can make sure they are gone.
 */
final class LifelineEvents {

    /** One status event and when the benchmark read it. */
    record Event(JsonNode json, long arrivedNanos) {

        String status() {
            return json.path("status").asText();
        }

        Instant timestamp() {
            return Instant.parse(json.path("timestamp").asText());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Event END = new Event(null, 0);

    private final BlockingQueue<Event> arriving = new LinkedBlockingQueue<>();
    private final List<Event> all = new CopyOnWriteArrayList<>();

    LifelineEvents(Process lifeline, LongConsumer backendPids) {
        Thread reader = new Thread(() -> read(lifeline, backendPids), "bench-events-" + lifeline.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** The next event with {@code status}; fails on a {@code failed} event (unless awaited), on the end, on time. */
    Event await(String status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = arriving.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no '" + status + "' event within " + timeout + "; events: " + statuses());
            }
            if (event == END) {
                arriving.add(END); // later awaits fail too
                throw new AssertionError("lifeline ended without a '" + status + "' event; events: " + statuses());
            }
            if (event.status().equals(status)) {
                return event;
            }
            if (event.status().equals("failed")) {
                throw new AssertionError("lifeline failed while waiting for '" + status + "': " + event.json());
            }
        }
    }

    /** Every event read so far, in order. */
    List<Event> all() {
        return List.copyOf(all);
    }

    /** Every status seen so far, in order. */
    List<String> statuses() {
        return all.stream().map(Event::status).toList();
    }

    private void read(Process lifeline, LongConsumer backendPids) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(lifeline.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                long arrived = System.nanoTime();
                JsonNode json;
                try {
                    json = JSON.readTree(line);
                } catch (IOException notJson) {
                    continue; // --json promises JSON only; a stray line is not an event
                }
                Event event = new Event(json, arrived);
                if (event.status().equals("launching") && json.path("pid").canConvertToLong()) {
                    backendPids.accept(json.path("pid").asLong());
                }
                all.add(event);
                arriving.add(event);
            }
        } catch (IOException closed) {
            // The process is gone: END below.
        } finally {
            arriving.add(END);
        }
    }
}
