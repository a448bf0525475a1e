package io.lifeline.adapter.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BodyPrefixTest {

    @Test
    void givenShortBody_whenTakingPrefix_thenItIsUnchanged() {
        assertThat(BodyPrefix.of(utf8("{\"status\": \"ok\"}"))).isEqualTo("{\"status\": \"ok\"}");
    }

    @Test
    void givenLongBody_whenTakingPrefix_thenItIsCutAndMarked() {
        String prefix = BodyPrefix.of(utf8("a".repeat(10_000)));

        assertThat(prefix).isEqualTo("a".repeat(BodyPrefix.DEFAULT_MAX_CHARS) + "...");
    }

    @Test
    void givenControlCharacters_whenTakingPrefix_thenItPrintsOnOneLine() {
        assertThat(BodyPrefix.of(utf8("<html>\r\n\t<body>\u0000\u001b[31m"))).isEqualTo(
                "<html>\\r\\n\\t<body>\\u0000\\u001b[31m");
    }

    @Test
    void givenInvalidUtf8_whenTakingPrefix_thenBadBytesBecomeReplacementCharacters() {
        assertThat(BodyPrefix.of(new byte[] {'o', 'k', (byte) 0xc3})).isEqualTo("ok\ufffd");
    }

    @Test
    void givenMultiByteCharacters_whenCutting_thenNoCharacterIsSplit() {
        String prefix = BodyPrefix.of(utf8("\uD83D\uDE00".repeat(200)));

        assertThat(prefix).isEqualTo("\uD83D\uDE00".repeat(BodyPrefix.DEFAULT_MAX_CHARS) + "...");
    }

    @Test
    void givenBodyOfExactlyTheLimit_whenTakingPrefix_thenItIsNotMarked() {
        assertThat(BodyPrefix.of(utf8("a".repeat(BodyPrefix.DEFAULT_MAX_CHARS))))
                .isEqualTo("a".repeat(BodyPrefix.DEFAULT_MAX_CHARS));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
