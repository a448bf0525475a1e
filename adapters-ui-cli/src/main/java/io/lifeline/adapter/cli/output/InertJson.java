package io.lifeline.adapter.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lifeline.domain.model.InertText;

import java.io.UncheckedIOException;

/**
 * JSON for Lifeline's output: one line, with every character {@link InertText} escapes written as a JSON {@code \}u
 * escape. Jackson alone escapes only the C0 controls; this also covers DEL, the C1 controls (an 8-bit CSI), the line
 * separators and the bidirectional overrides, so a JSON line read on a terminal is as inert as a text line, and a
 * parser still reads the values exactly as the backend sent them.
 */
public final class InertJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static {
        JSON.getFactory().setCharacterEscapes(new Escapes());
        INDENTED.getFactory().setCharacterEscapes(new Escapes());
    }

    private InertJson() {
    }

    /** One line of JSON. */
    public static String line(JsonNode json) {
        return write(JSON, json);
    }

    /** Indented JSON, for documents a person reads (doctor). */
    public static String indented(Object document) {
        return write(INDENTED, document);
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException cannotHappen) {
            throw new UncheckedIOException(cannotHappen);
        }
    }

    private static final class Escapes extends CharacterEscapes {

        private final int[] ascii = standardAsciiEscapesForJSON();

        Escapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // Returning null writes the character as it is; a standard escape is asked for through the ascii table
            // only, so non-ASCII characters to escape are spelled here.
            if (!InertText.mustEscape(ch)) {
                return null;
            }
            String hex = Integer.toHexString(ch);
            return new SerializedString("\\u" + "0".repeat(4 - hex.length()) + hex);
        }
    }
}
