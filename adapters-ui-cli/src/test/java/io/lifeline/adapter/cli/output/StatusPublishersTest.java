package io.lifeline.adapter.cli.output;

import io.lifeline.adapter.cli.testing.StatusEvents;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusPublishersTest {

    private final List<String> seen = new ArrayList<>();

    /** An output that holds events back until it is closed, as a webhook with a queue would. */
    private ClosableStatusPublisher buffering(String name) {
        List<StatusEvent> pending = new ArrayList<>();
        return new ClosableStatusPublisher() {
            @Override
            public void publish(StatusEvent event) {
                pending.add(event);
            }

            @Override
            public void close() {
                pending.forEach(event -> seen.add(name + ": " + event.name()));
                pending.clear();
                seen.add(name + " closed");
            }
        };
    }

    @Test
    void givenBufferingOutputs_whenClosed_thenEachDeliversItsLastEventInOrder() {
        StatusPublishers outputs = StatusPublishers.of(buffering("first"), buffering("second"));

        outputs.publish(StatusEvents.stopped("backend stopped"));
        outputs.close();

        assertThat(seen).containsExactly("first: stopped", "first closed", "second: stopped", "second closed");
    }

    @Test
    void givenAnOutputThatFailsToClose_whenClosing_thenTheNextOneIsStillClosed() {
        ClosableStatusPublisher failing = new ClosableStatusPublisher() {
            @Override
            public void publish(StatusEvent event) {
            }

            @Override
            public void close() {
                throw new IllegalStateException("broken pipe");
            }
        };
        StatusPublishers outputs = StatusPublishers.of(failing, buffering("second"));

        outputs.close();
        outputs.close();

        assertThat(seen).as("closed once").containsExactly("second closed");
    }

    @Test
    void givenAnOutputThatFailsToPublish_whenPublishing_thenTheOthersStillGetTheEventAndTheFailureIsReported() {
        StatusPublishers outputs = StatusPublishers.of(event -> {
            throw new IllegalStateException("broken pipe");
        }, event -> seen.add("plain: " + event.name()));

        assertThatThrownBy(() -> outputs.publish(StatusEvents.stopped("backend stopped")))
                .hasMessage("broken pipe");
        assertThat(seen).containsExactly("plain: stopped");
    }

    @Test
    void givenEveryKind_whenAskingForItsTone_thenTheColoursOfTheTerminal() {
        assertThat(StatusText.tone(StatusEvent.Kind.CONNECTED)).isEqualTo(StatusText.Tone.GOOD);
        assertThat(StatusText.tone(StatusEvent.Kind.STOPPED)).isEqualTo(StatusText.Tone.GOOD);
        assertThat(StatusText.tone(StatusEvent.Kind.RETRYING)).isEqualTo(StatusText.Tone.WARNING);
        assertThat(StatusText.tone(StatusEvent.Kind.DEGRADED)).isEqualTo(StatusText.Tone.WARNING);
        assertThat(StatusText.tone(StatusEvent.Kind.FAILED)).isEqualTo(StatusText.Tone.BAD);
        assertThat(StatusText.tone(StatusEvent.Kind.DISCONNECTED)).isEqualTo(StatusText.Tone.BAD);
        assertThat(StatusText.tone(StatusEvent.Kind.UNHEALTHY)).isEqualTo(StatusText.Tone.BAD);
        assertThat(StatusText.tone(StatusEvent.Kind.LAUNCHING)).isEqualTo(StatusText.Tone.NEUTRAL);
    }
}
