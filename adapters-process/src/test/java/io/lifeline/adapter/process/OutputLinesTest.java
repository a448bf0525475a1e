package io.lifeline.adapter.process;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputLinesTest {

    private final List<String> lines = new ArrayList<>();
    private final OutputLines splitter = new OutputLines(lines::add);

    @Test
    void givenLfAndCrLfEndings_whenFed_thenLinesCarryNeitherEnding() {
        feed("first\nsecond\r\nthird\r\n");

        assertThat(lines).containsExactly("first", "second", "third");
    }

    @Test
    void givenCrAndLfInSeparateChunks_whenFed_thenTogetherTheyEndOneLine() {
        feed("uvicorn running\r");
        assertThat(lines).containsExactly("uvicorn running");

        feed("\nnext\r\n");

        assertThat(lines).containsExactly("uvicorn running", "next");
    }

    @Test
    void givenMultiByteCharacterSplitAcrossChunks_whenFed_thenTheLineDecodesWhole() {
        byte[] bytes = "café ünïcode\n".getBytes(StandardCharsets.UTF_8);
        int insideTheE = "caf".length() + 1;

        splitter.accept(bytes, insideTheE);
        splitter.accept(java.util.Arrays.copyOfRange(bytes, insideTheE, bytes.length), bytes.length - insideTheE);

        assertThat(lines).containsExactly("café ünïcode");
    }

    @Test
    void givenChunkLargerThanTheBytesRead_whenFed_thenOnlyTheReadBytesCount() {
        byte[] chunk = "one\ntwo\nstale bytes from an earlier read\n".getBytes(StandardCharsets.UTF_8);

        splitter.accept(chunk, "one\ntwo\n".length());

        assertThat(lines).containsExactly("one", "two");
    }

    @Test
    void givenLastLineWithoutEnding_whenFinished_thenItIsHandedOn() {
        feed("done\r\nlast words");
        assertThat(lines).containsExactly("done");

        splitter.finish();

        assertThat(lines).containsExactly("done", "last words");
    }

    @Test
    void givenBinaryOutputWithNoCharacterStartWithinTheLimit_whenFed_thenItIsCutAtTheLimitInsteadOfLooping() {
        List<String> pieces = new ArrayList<>();
        OutputLines small = new OutputLines(pieces::add, 8);
        byte[] continuationBytesOnly = new byte[20];
        java.util.Arrays.fill(continuationBytesOnly, (byte) 0x80);

        small.accept(continuationBytesOnly, continuationBytesOnly.length);
        small.finish();

        assertThat(pieces).extracting(String::length).containsExactly(8, 8, 4);
    }

    @Test
    void givenALoneCr_whenFed_thenItEndsTheLineAsReadLineDoes() {
        feed("progress 10%\rprogress 20%\rdone\r\n");

        assertThat(lines).containsExactly("progress 10%", "progress 20%", "done");
    }

    @Test
    void givenALineLongerThanTheLimit_whenFed_thenItComesOutInPiecesCutBetweenCharactersWithNoByteLost() {
        List<String> pieces = new ArrayList<>();
        OutputLines small = new OutputLines(pieces::add, 8);
        byte[] bytes = "abcdefgé€xyz\nnext\n".getBytes(StandardCharsets.UTF_8);

        small.accept(bytes, bytes.length);

        assertThat(pieces).containsExactly("abcdefg", "é€xyz", "next");
        assertThat(pieces).allSatisfy(piece ->
                assertThat(piece.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8));
    }

    @Test
    void givenEmptyLines_whenFed_thenEachIsAnEmptyLineAndFinishAddsNothing() {
        feed("\n\r\n");
        splitter.finish();

        assertThat(lines).containsExactly("", "");
    }

    @Test
    void givenALimitOfOneFourByteCharacter_whenFed_thenEachSuchCharacterIsAPieceAndASmallerLimitIsRefused() {
        List<String> pieces = new ArrayList<>();
        OutputLines smallest = new OutputLines(pieces::add, 4);
        byte[] bytes = "\uD83D\uDE00\uD83D\uDE01".getBytes(StandardCharsets.UTF_8);

        smallest.accept(bytes, bytes.length);
        smallest.finish();

        assertThat(pieces).containsExactly("\uD83D\uDE00", "\uD83D\uDE01");
        assertThatThrownBy(() -> new OutputLines(pieces::add, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 bytes");
    }

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.accept(bytes, bytes.length);
    }
}
