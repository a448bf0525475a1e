package io.lifeline.adapter.http;

import io.lifeline.domain.model.InertText;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The start of a response body as one printable line, for failure reports. */
final class BodyPrefix {

    /** How many characters of the body a report shows. */
    static final int DEFAULT_MAX_CHARS = 120;

    // UTF-8 needs at most 4 bytes per character, so this many bytes always hold DEFAULT_MAX_CHARS characters.
    private static final int MAX_BYTES_DECODED = DEFAULT_MAX_CHARS * 4;

    private BodyPrefix() {
    }

    /** Decodes leniently as UTF-8 (bad bytes become U+FFFD) and escapes control characters. */
    static String of(byte[] body) {
        byte[] head = body.length > MAX_BYTES_DECODED ? Arrays.copyOf(body, MAX_BYTES_DECODED) : body;
        String text = new String(head, StandardCharsets.UTF_8);
        boolean truncated = body.length > head.length;
        if (text.codePointCount(0, text.length()) > DEFAULT_MAX_CHARS) {
            text = text.substring(0, text.offsetByCodePoints(0, DEFAULT_MAX_CHARS));
            truncated = true;
        }
        String printable = escapeControls(text);
        return truncated ? printable + "..." : printable;
    }

    /** The one escaping rule of every text from outside ({@link InertText}); the prefix is already short. */
    private static String escapeControls(String text) {
        return InertText.of(text, Integer.MAX_VALUE);
    }
}
