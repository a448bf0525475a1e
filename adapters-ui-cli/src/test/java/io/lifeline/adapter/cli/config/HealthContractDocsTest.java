package io.lifeline.adapter.cli.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs that list the health contracts name every one {@link HealthContract} declares: the list is the enum's, and
 * a new contract fails here, naming the doc and the part of it that misses it, until each is written in.
 */
class HealthContractDocsTest {

    /**
     * Each doc, the part of it that lists the contracts, and how that part names one (%s is its label): strict
     * enough that a word that happens to be a label (IETF's {@code checks}) does not count.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = ';', textBlock = """
            README.md                ; Readiness is asked in the backend's own terms ; (?:\\(`|--health )%s`
            docs/configuration.md    ; | `health`                                     ; `%s` \\(
            docs/backend-contract.md ; ### Other health contracts                     ; (?m)^\\| `%s` +\\|
            docs/recipes.md          ; ## Choosing a health contract                  ; \\| `%s`[^|]*\\|
            """)
    void givenADocThatListsTheContracts_thenItNamesEveryOne(String doc, String partStart, String naming)
            throws IOException {
        String text = Files.readString(Path.of("..").resolve(doc));
        int start = text.indexOf(partStart);
        assertThat(start).as("%s has a part that starts with '%s'", doc, partStart).isNotNegative();
        // The part: up to the next heading (a section) or the end of the paragraph or table row.
        int end = partStart.startsWith("#") ? nextHeading(text, start + partStart.length())
                : endOfParagraph(text, start, partStart.startsWith("|"));
        String part = text.substring(start, end);

        List<String> missing = Arrays.stream(HealthContract.values()).map(HealthContract::label)
                .filter(label -> !Pattern.compile(naming.formatted(Pattern.quote(label))).matcher(part).find())
                .toList();

        assertThat(missing).as("contracts not named in %s ('%s')", doc, partStart).isEmpty();
    }

    private static int nextHeading(String text, int from) {
        int next = text.indexOf("\n#", from);
        return next < 0 ? text.length() : next;
    }

    private static int endOfParagraph(String text, int from, boolean oneLine) {
        int end = text.indexOf(oneLine ? "\n" : "\n\n", from);
        return end < 0 ? text.length() : end;
    }
}
