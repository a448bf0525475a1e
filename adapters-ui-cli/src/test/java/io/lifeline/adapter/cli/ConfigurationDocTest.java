package io.lifeline.adapter.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md is part of the product: it must name every setting and exit code the code has. */
class ConfigurationDocTest {

    private static String doc;

    @BeforeAll
    static void readDoc() throws IOException {
        doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    }

    @ParameterizedTest
    @EnumSource(ConfigKey.class)
    void everySettingHasARowWithItsFlagEnvironmentVariableAndDefault(ConfigKey key) {
        String row = doc.lines().filter(line -> line.startsWith("| `" + key.key() + "`")).findFirst().orElse("");

        assertThat(row).as("row for %s in docs/configuration.md", key.key()).isNotEmpty();
        key.flag().ifPresent(flag -> assertThat(row).contains("`" + flag + "`"));
        key.environmentVariable().ifPresent(variable -> assertThat(row).contains("`" + variable + "`"));
        assertThat(row).contains(key.defaultValue());
    }

    @ParameterizedTest
    @EnumSource(ExitCode.class)
    void everyExitCodeIsInTheTableWithItsMeaning(ExitCode exit) {
        assertThat(doc).containsPattern("\\|\\s*" + exit.code() + "\\s*\\|\\s*" + java.util.regex.Pattern.quote(
                exit.meaning()) + "\\s*\\|");
    }
}
