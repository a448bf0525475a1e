package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class StatusEventTest {

    private static final CorrelationId ID = new CorrelationId("backend-startup-1");
    private static final Instant AT = Instant.parse("2024-11-23T04:00:00Z");

    private static List<StatusEvent> oneOfEach() {
        StartupFailure cause = new ExitedDuringStartup(3, List.of());
        return List.of(
                new StatusEvent.Launching(ID, AT, Endpoint.DEFAULT, 1, 3, 42),
                new StatusEvent.Connected(ID, AT, Endpoint.DEFAULT, OptionalLong.of(42), 1, Duration.ZERO, false),
                new StatusEvent.Completed(ID, AT, 42, 1, Duration.ZERO, new BackendName("migrate")),
                new StatusEvent.Retrying(ID, AT, 2, 3, Duration.ofSeconds(2), cause),
                new StatusEvent.Unhealthy(ID, AT, "no answer"),
                new StatusEvent.Degraded(ID, AT, Map.of("cache", "degraded")),
                new StatusEvent.Disconnected(ID, AT, OptionalLong.empty(), OptionalInt.of(1), List.of()),
                new StatusEvent.Failed(ID, AT, cause, 3, List.of()),
                new StatusEvent.Skipped(ID, AT, new BackendName("db"), "db failed", new BackendName("api")),
                new StatusEvent.Stopped(ID, AT, "stopped"));
    }

    @Test
    void givenOneEventOfEachRecord_whenAskingForTheKind_thenEachKindIsUsedOnceAndNamesTheRecord() {
        List<StatusEvent> events = oneOfEach();

        assertThat(events).extracting(StatusEvent::kind).containsExactly(StatusEvent.Kind.values());
        for (StatusEvent event : events) {
            assertThat(event.getClass().getSimpleName().toUpperCase()).isEqualTo(event.kind().name());
        }
        assertThat(StatusEvent.class.getPermittedSubclasses()).hasSize(StatusEvent.Kind.values().length);
    }

    @Test
    void givenAnEvent_whenStampedWithABackend_thenOnlyTheNameChanges() {
        BackendName api = new BackendName("api");
        for (StatusEvent event : oneOfEach()) {
            StatusEvent named = event.withBackend(api);

            assertThat(named.backend()).isEqualTo(api);
            assertThat(named.kind()).isEqualTo(event.kind());
            assertThat(named.withBackend(event.backend())).isEqualTo(event);
        }
    }

    @Test
    void givenEachEvent_whenAskingForTheName_thenTheStableLowerCaseNamesScriptsUse() {
        assertThat(oneOfEach()).extracting(StatusEvent::name).containsExactly("launching", "connected", "completed",
                "retrying", "unhealthy", "degraded", "disconnected", "failed", "skipped", "stopped");
        assertThat(Arrays.stream(StatusEvent.Kind.values()).map(StatusEvent.Kind::label))
                .containsExactly("launching", "connected", "completed", "retrying", "unhealthy", "degraded",
                        "disconnected", "failed", "skipped", "stopped");
    }
}
