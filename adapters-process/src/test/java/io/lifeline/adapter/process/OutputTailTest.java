package io.lifeline.adapter.process;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OutputTailTest {

    @Test
    void givenFewerLinesThanCapacity_whenReading_thenAllLinesOldestFirst() {
        OutputTail tail = new OutputTail(3);
        tail.add("one");
        tail.add("two");

        assertThat(tail.lines()).containsExactly("one", "two");
    }

    @Test
    void givenMoreLinesThanCapacity_whenReading_thenOnlyTheNewestInOrder() {
        OutputTail tail = new OutputTail(3);
        List.of("a", "b", "c", "d", "e").forEach(tail::add);

        assertThat(tail.lines()).containsExactly("c", "d", "e");
    }

    @Test
    void givenLineAtTheLengthLimit_whenAdding_thenKeptWhole() {
        OutputTail tail = new OutputTail(1);
        String longest = "x".repeat(2_000);

        tail.add(longest);

        assertThat(tail.lines()).containsExactly(longest);
    }

    @Test
    void givenLineOverTheLengthLimit_whenAdding_thenTruncatedAndMarked() {
        OutputTail tail = new OutputTail(1);

        tail.add("y".repeat(2_000) + "cut off");

        assertThat(tail.lines()).containsExactly("y".repeat(2_000) + " [...]");
    }

    @Test
    void givenSnapshotTaken_whenMoreLinesArrive_thenSnapshotDoesNotChange() {
        OutputTail tail = new OutputTail(2);
        tail.add("first");
        List<String> snapshot = tail.lines();

        tail.add("second");
        tail.add("third");

        assertThat(snapshot).containsExactly("first");
    }

    @Test
    void givenNonPositiveCapacity_whenCreating_thenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new OutputTail(0))
                .withMessage("capacity must be positive");
    }
}
