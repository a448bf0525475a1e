package io.lifeline.adapter.cli.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandWordsTest {

    @Test
    void givenPlainWords_thenWhitespaceOfAnyKindSeparatesThem() {
        assertThat(CommandWords.split("  uvicorn\tapp:app \n --port {port}  "))
                .containsExactly("uvicorn", "app:app", "--port", "{port}");
    }

    @Test
    void givenQuotes_thenTheyKeepSpacesAndOnlyDoubleQuotesLetABackslashEscape() {
        assertThat(CommandWords.split("run 'a b' \"c d\" 'x\\y' \"say \\\"hi\\\" \\\\ \\n\" e\\ f ''"))
                .containsExactly("run", "a b", "c d", "x\\y", "say \"hi\" \\ \\n", "e f", "");
    }

    @Test
    void givenNothingToExpand_thenDollarsTildesAndStarsStayAsTheyAre() {
        assertThat(CommandWords.split("echo $HOME ~/x *.py")).containsExactly("echo", "$HOME", "~/x", "*.py");
    }

    @Test
    void givenABackslashBeforeALineBreak_thenTheLinesAreJoinedAsAShellJoinsThem() {
        assertThat(CommandWords.split("server --port {port} \\\n  --host {host} \\\r\n --log \"a\\\nb\""))
                .containsExactly("server", "--port", "{port}", "--host", "{host}", "--log", "ab");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run 'open", "run \"open", "run 'a' \"b", "trailing \\"})
    void givenAnUnclosedQuoteOrALoneBackslash_thenRejectedWithTheReason(String text) {
        assertThatThrownBy(() -> CommandWords.split(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("has an unclosed [\"'] quote \\(at character \\d+\\)|ends with a lone backslash");
    }

    @Test
    void givenWords_whenJoined_thenTheLineSplitsBackToThem() {
        List<String> words = List.of("{python}", "-m", "app", "--name", "my app", "it's", "", "$HOME", "a\"b");

        String line = CommandWords.join(words);

        assertThat(line).isEqualTo("{python} -m app --name 'my app' 'it'\\''s' '' '$HOME' 'a\"b'");
        assertThat(CommandWords.split(line)).isEqualTo(words);
    }
}
