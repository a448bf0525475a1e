package io.lifeline.adapter.process;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts a byte stream that arrives in chunks of any size into UTF-8 lines, the way the pipe pump's
 * {@link java.io.BufferedReader#readLine()} does for {@code \n} and {@code \r\n} endings: the line ending is not part
 * of the line. A line split across chunks (even inside a multi-byte character or between {@code \r} and {@code \n})
 * comes out whole. Not thread-safe: one reader feeds it.
 */
final class OutputLines {

    private final Consumer<String> lines;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    OutputLines(Consumer<String> lines) {
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    /** Takes {@code length} bytes of {@code chunk}; hands on every line they complete. */
    void accept(byte[] chunk, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (chunk[i] == '\n') {
                partial.write(chunk, start, i - start);
                emit();
                start = i + 1;
            }
        }
        partial.write(chunk, start, length - start);
    }

    /** The stream has ended: hands on the last line if it had no line ending. */
    void finish() {
        if (partial.size() > 0) {
            emit();
        }
    }

    private void emit() {
        byte[] bytes = partial.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        partial.reset();
        lines.accept(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }
}
