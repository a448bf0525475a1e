package io.lifeline.adapter.cli.output;

import io.lifeline.adapter.cli.testing.LogCapture;
import io.lifeline.adapter.cli.testing.StatusEvents;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.out.StatusPublisher;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

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
    void givenAPublisherThatThrows_whenPublishingEveryEvent_thenTheOthersGetEachOneAndNothingReachesTheRun() {
        StatusPublisher broken = event -> {
            throw new IllegalStateException("broken pipe\u001b[2J\nforged line");
        };
        StatusPublishers publishers = StatusPublishers.of(event -> seen.add("first: " + event.name()), broken,
                event -> seen.add("last: " + event.name()));

        try (LogCapture log = LogCapture.of(StatusPublishers.class)) {
            publishers.publish(StatusEvents.launchingFirstOfThree());
            publishers.publish(StatusEvents.connectedWithoutPid());
            publishers.publish(StatusEvents.stopped("backend stopped"));

            assertThat(seen).containsExactly("first: launching", "last: launching", "first: connected",
                    "last: connected", "first: stopped", "last: stopped");
            assertThat(log.lines()).as("logged once, inert").singleElement().satisfies(line -> assertThat(line)
                    .startsWith("WARN the status publisher ").contains("failed on the launching event")
                    .contains("broken pipe\\u001b[2J\\nforged line").doesNotContain("\u001b").doesNotContain("\n"));
        }
    }

    @Test
    void givenAPublisherStillDeliveringOnClose_whenClosedFromASecondThread_thenThatCloseWaitsForTheDelivery()
            throws Exception {
        CountDownLatch delivering = new CountDownLatch(1);
        CountDownLatch delivered = new CountDownLatch(1);
        ClosableStatusPublisher slow = new ClosableStatusPublisher() {
            @Override
            public void publish(StatusEvent event) {
            }

            @Override
            public void close() {
                delivering.countDown();
                await(delivered);
                seen.add("slow delivered");
            }
        };
        StatusPublishers publishers = StatusPublishers.of(slow);
        Thread first = new Thread(publishers::close, "first-close");
        first.start();
        await(delivering);
        Thread second = new Thread(() -> {
            publishers.close();
            seen.add("second close returned");
        }, "second-close");
        second.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (second.getState() != Thread.State.BLOCKED && second.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        assertThat(seen).as("the second close waits while the first delivers").isEmpty();
        delivered.countDown();
        first.join(TimeUnit.SECONDS.toMillis(10));
        second.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(seen).containsExactly("slow delivered", "second close returned");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
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
