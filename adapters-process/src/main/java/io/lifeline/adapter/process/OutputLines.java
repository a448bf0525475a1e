package io.lifeline.adapter.process;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts a byte stream that arrives in chunks of any size into UTF-8 lines, the way
 * {@link java.io.BufferedReader#readLine()} does: {@code \n}, {@code \r\n} and a lone {@code \r} (a progress bar's)
 * end a line, and the ending is not part of it. A line split across chunks (even inside a multi-byte character or
 * between {@code \r} and {@code \n}) comes out whole. A line longer than {@link #MAX_LINE_BYTES} comes out in pieces
 * of at most that size, cut between characters: a backend that writes megabytes without a line ending (binary output,
 * a dumped payload) must not fill Lifeline's small heap, and no byte of it is dropped. Not thread-safe: one reader
 * feeds it.
 */
final class OutputLines {

    static final int MAX_LINE_BYTES = 64 * 1024;

    private final Consumer<String> lines;
    private final int maxLineBytes;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private boolean afterCr;

    OutputLines(Consumer<String> lines) {
        this(lines, MAX_LINE_BYTES);
    }

    OutputLines(Consumer<String> lines, int maxLineBytes) {
        this.lines = Objects.requireNonNull(lines, "lines");
        if (maxLineBytes < 4) {
            throw new IllegalArgumentException("a line must hold at least one character of 4 bytes");
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** Takes {@code length} bytes of {@code chunk}; hands on every line they complete. */
    void accept(byte[] chunk, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            byte b = chunk[i];
            if (afterCr && b == '\n') {
                // The \n of a \r\n whose \r ended the line already (perhaps in the chunk before).
                afterCr = false;
                start = i + 1;
                continue;
            }
            afterCr = false;
            if (b == '\n' || b == '\r') {
                append(chunk, start, i - start);
                emit();
                start = i + 1;
                afterCr = b == '\r';
            }
        }
        append(chunk, start, length - start);
    }

    private void append(byte[] chunk, int offset, int length) {
        partial.write(chunk, offset, length);
        while (partial.size() > maxLineBytes) {
            byte[] bytes = partial.toByteArray();
            int cut = maxLineBytes;
            // Back up to the first byte of a character, so no character is split between two pieces. Bytes that are
            // not UTF-8 at all (binary output) may have no such byte in reach: they are cut where the limit falls.
            while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
                cut--;
            }
            if (cut == 0) {
                cut = maxLineBytes;
            }
            lines.accept(new String(bytes, 0, cut, StandardCharsets.UTF_8));
            partial.reset();
            partial.write(bytes, cut, bytes.length - cut);
        }
    }

    /** The stream has ended: hands on the last line if it had no line ending. */
    void finish() {
        if (partial.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        lines.accept(line);
    }
}
