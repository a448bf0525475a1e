package io.lifeline.adapter.process;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutputLinesTest {

    private final List<String> lines = new ArrayList<>();
    private final OutputLines splitter = new OutputLines(lines::add);

    @Test
    void givenLfAndCrLfEndings_whenFed_thenLinesCarryNeitherEnding() {
        feed("first\nsecond\r\nthird\r\n");

        assertThat(lines).containsExactly("first", "second", "third");
    }

    @Test
    void givenCrAndLfInSeparateChunks_whenFed_thenTheCrIsStillDropped() {
        feed("uvicorn running\r");
        assertThat(lines).isEmpty();

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
    void givenLastLineWithoutEnding_whenFinished_thenItIsHandedOnWithoutTheCr() {
        feed("done\r\nlast words\r");
        assertThat(lines).containsExactly("done");

        splitter.finish();

        assertThat(lines).containsExactly("done", "last words");
    }

    @Test
    void givenEmptyLines_whenFed_thenEachIsAnEmptyLineAndFinishAddsNothing() {
        feed("\n\r\n");
        splitter.finish();

        assertThat(lines).containsExactly("", "");
    }

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.accept(bytes, bytes.length);
    }
}
