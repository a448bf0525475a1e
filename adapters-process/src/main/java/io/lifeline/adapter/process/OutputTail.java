package io.lifeline.adapter.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last lines a backend wrote, kept for failure reports. Thread-safe, bounded by line count and line length. */
final class OutputTail {

    static final int DEFAULT_LINES = 40;
    private static final int MAX_LINE_LENGTH = 2_000;

    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    OutputTail(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    synchronized void add(String line) {
        String kept = line.length() > MAX_LINE_LENGTH ? line.substring(0, MAX_LINE_LENGTH) + " [...]" : line;
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(kept);
    }

    synchronized List<String> lines() {
        return List.copyOf(new ArrayList<>(lines));
    }
}
