package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InertTextTest {

    @Test
    void givenPlainText_whenMadeInert_thenUnchanged() {
        assertThat(InertText.of("seed-backend 1.2 (ünïcode, 日本, \uD83D\uDE00) C:\\path", 200))
                .isEqualTo("seed-backend 1.2 (ünïcode, 日本, \uD83D\uDE00) C:\\path");
    }

    @Test
    void givenOscTitleAndNewline_whenMadeInert_thenEscapedVisibly() {
        assertThat(InertText.of("\u001b]0;owned\u0007\nconnected on 127.0.0.1:8000\r\tx", 200))
                .isEqualTo("\\u001b]0;owned\\u0007\\nconnected on 127.0.0.1:8000\\r\\tx");
    }

    @Test
    void givenEveryControlClass_whenMadeInert_thenNoneLeft() {
        String hostile = "a\u0000b\u001b[2Kc\u007fd\u0085e\u009bf\u2028g\u2029h\u202ei\u2066j\u200fk\u061cl";
        String inert = InertText.of(hostile, 400);
        assertThat(inert).isEqualTo("a\\u0000b\\u001b[2Kc\\u007fd\\u0085e\\u009bf\\u2028g\\u2029h\\u202ei\\u2066j"
                + "\\u200fk\\u061cl");
        assertThat(inert.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Test
    void givenLoneSurrogates_whenMadeInert_thenEscaped() {
        assertThat(InertText.of("x\uD800y\uDC00", 200)).isEqualTo("x\\ud800y\\udc00");
    }

    @Test
    void givenTextOverTheCap_whenMadeInert_thenCutWithMarkAtMostTheCap() {
        String inert = InertText.of("x".repeat(500), 200);
        assertThat(inert).hasSize(200).endsWith("x...").startsWith("xxx");
    }

    @Test
    void givenTextOfExactlyTheCap_whenMadeInert_thenWhole() {
        assertThat(InertText.of("x".repeat(200), 200)).isEqualTo("x".repeat(200));
    }

    @Test
    void givenEscapesAtTheCap_whenCut_thenNoEscapeIsSplit() {
        String inert = InertText.of("\u001b".repeat(10), 21);
        assertThat(inert).isEqualTo("\\u001b\\u001b\\u001b...");
    }

    @Test
    void givenSurrogatePairAtTheCap_whenCut_thenPairKept() {
        String inert = InertText.of("abcd\uD83D\uDE00\uD83D\uDE00xyz", 8);
        assertThat(inert).isEqualTo("abcd...");
        assertThat(InertText.of("abc\uD83D\uDE00xyzw", 8)).isEqualTo("abc\uD83D\uDE00...");
    }

    @Test
    void givenInertText_whenMadeInertAgain_thenUnchanged() {
        String once = InertText.of("\u001b]0;owned\u0007\n" + "y".repeat(300), 200);
        assertThat(InertText.of(once, 200)).isEqualTo(once);
        assertThat(InertText.line(once)).isEqualTo(once);
    }

    @Test
    void givenNull_whenMadeInert_thenTheWordNull() {
        assertThat(InertText.field(null)).isEqualTo("null");
    }

    @Test
    void givenFieldAndLine_whenMadeInert_thenTheirCaps() {
        assertThat(InertText.field("z".repeat(10_000))).hasSize(InertText.FIELD);
        assertThat(InertText.line("z".repeat(10_000))).hasSize(InertText.LINE);
    }

    @Test
    void givenTinyCap_whenMadeInert_thenRejected() {
        assertThatThrownBy(() -> InertText.of("x", 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxLength must be at least 8, was 7");
    }

    @Test
    void givenInvisibleFormatCharacters_thenEachIsEscaped_evenOutsideTheBasicPlane() {
        String hidden = "ad\u00admin\u200b\ufeff" + new String(Character.toChars(0xE0041)) + "\u2062";

        String shown = InertText.field(hidden);

        assertThat(shown).isEqualTo("ad\\u00admin\\u200b\\ufeff\\udb40\\udc41\\u2062");
        assertThat(InertText.field(shown)).as("idempotent").isEqualTo(shown);
        assertThat(InertText.field("caf\u00e9 \u00fcber \u6771\u4eac " + new String(Character.toChars(0x1F600))))
                .as("letters and emoji of every plane stay as they are")
                .isEqualTo("caf\u00e9 \u00fcber \u6771\u4eac " + new String(Character.toChars(0x1F600)));
    }
}
