package io.lifeline.adapter.cli.config;

import io.lifeline.adapter.cli.output.ExitCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md is part of the product: it must name every setting and exit code the code has. */
class ConfigurationDocTest {

    private static String doc;

    @BeforeAll
    static void readDoc() throws IOException {
        doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    }

    static Stream<Setting<?>> settings() {
        return Settings.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("settings")
    void everySettingHasARowWithItsFlagEnvironmentVariableAndDefault(Setting<?> key) {
        String row = doc.lines().filter(line -> line.startsWith("| `" + key.key() + "`")).findFirst().orElse("");

        assertThat(row).as("row for %s in docs/configuration.md", key.key()).isNotEmpty();
        key.flag().ifPresent(flag -> assertThat(row).contains("`" + flag + "`"));
        key.environmentVariable().ifPresent(variable -> assertThat(row).contains("`" + variable + "`"));
        assertThat(row).contains(key.defaultText());
    }

    @ParameterizedTest
    @EnumSource(ExitCode.class)
    void everyExitCodeIsInTheTableWithItsMeaning(ExitCode exit) {
        assertThat(doc).containsPattern("\\|\\s*" + exit.code() + "\\s*\\|\\s*" + java.util.regex.Pattern.quote(
                exit.meaning()) + "\\s*\\|");
    }
}
