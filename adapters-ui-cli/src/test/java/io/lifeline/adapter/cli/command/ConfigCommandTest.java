package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.testing.LifelineDirs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lifeline config}: every setting with its source, and a one-line note for a setting given by its old name. */
class ConfigCommandTest {

    @TempDir
    Path root;

    private LifelineDirs dirs;
    private TestCommands commands;

    @BeforeEach
    void createFolders() {
        dirs = LifelineDirs.under(root);
        commands = new TestCommands(dirs.loader(Map.of()));
    }

    @Test
    void givenMaxAttempts_whenShowingTheConfiguration_thenItIsListedAndNothingIsNoted() {
        int code = commands.execute("config", "--max-attempts", "5");

        assertThat(code).isZero();
        List<String> lines = commands.stdout().lines().toList();
        assertThat(lines).hasSize(Settings.ALL.size())
                .anyMatch(line -> line.matches("maxAttempts +5 +\\(flag --max-attempts\\)"));
        assertThat(commands.stderr()).isEmpty();
    }

    @Test
    void givenTheOldFlag_whenShowingTheConfiguration_thenTheValueCountsAndOneLineNamesTheFlagToUse() {
        int code = commands.execute("config", "--max-retries", "5");

        assertThat(code).isZero();
        List<String> lines = commands.stdout().lines().toList();
        assertThat(lines).hasSize(Settings.ALL.size() + 1)
                .anyMatch(line -> line.matches("maxAttempts +5 +\\(flag --max-retries\\)"))
                .endsWith("note: --max-retries is the old name of --max-attempts; it still works, but write"
                        + " --max-attempts");
    }

    @Test
    void givenTheOldKeyInTheFile_whenShowingTheConfigurationAsJson_thenStdoutStaysOneDocumentAndTheNoteGoesToStderr() {
        dirs.write("lifeline.yaml", "maxRetries: 4\n");

        int code = commands.execute("config", "--json");

        assertThat(code).isZero();
        assertThat(commands.stdout().lines()).singleElement().asString()
                .contains("\"maxAttempts\":{\"value\":\"4\",\"source\":\"lifeline.yaml:1\"}");
        assertThat(commands.stderr().lines()).containsExactly("note: maxRetries (lifeline.yaml:1) is the old name of"
                + " maxAttempts; it still works, but write maxAttempts");
    }

    @Test
    void givenStartHelp_whenListingOptions_thenOnlyTheNewFlagIsAnOption() {
        commands.execute("start", "--help");

        assertThat(commands.stdout()).contains("[--max-attempts=N]").doesNotContain("[--max-retries=N]")
                .doesNotContainPattern("(?m)^ +--max-retries=");
    }
}
