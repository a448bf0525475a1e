package io.lifeline.adapter.cli.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only the bundled backend's name is known by default; anyone else's backend is checked once its name is given. */
class ExpectedServiceConfigTest {

    @TempDir
    Path root;

    private static Map<Setting<?>, String> wheres(LifelineConfig config) {
        return config.origins().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().where()));
    }

    private ConfigLoader loader() throws IOException {
        Files.createDirectories(root.resolve("home/fixture-backend"));
        Files.createDirectories(root.resolve("work/my-backend"));
        return new ConfigLoader(root.resolve("work"), Map.of(), root.resolve("home"), root.resolve("user"));
    }

    @Test
    void givenTheBundledBackend_whenLoadingDefaults_thenItsNameIsExpected() throws IOException {
        LifelineConfig config = loader().load(Optional.empty(), Map.of());

        assertThat(config.acceptance().expectedService()).contains(Settings.BUNDLED_SERVICE);
    }

    @Test
    void givenAnotherBackendDir_whenLoadingDefaults_thenAnyNameIsAccepted() throws IOException {
        LifelineConfig config = loader().load(Optional.empty(), Map.of(Settings.BACKEND_DIR, "my-backend"));

        assertThat(config.acceptance().expectedService()).isEmpty();
    }

    @Test
    void givenAnExpectedServiceFlag_whenLoading_thenThatNameIsExpected() throws IOException {
        LifelineConfig config = loader().load(Optional.empty(),
                Map.of(Settings.BACKEND_DIR, "my-backend", Settings.EXPECTED_SERVICE, "orders-api"));

        assertThat(config.acceptance().expectedService()).contains("orders-api");
        assertThat(wheres(config)).containsEntry(Settings.EXPECTED_SERVICE, "flag --expected-service");
    }

    @Test
    void givenANameWithSpaces_whenLoading_thenOneClearProblem() throws IOException {
        ConfigLoader loader = loader();

        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of(Settings.EXPECTED_SERVICE, "my api")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid expectedService 'my api' (from flag --expected-service): must be a name without"
                        + " spaces");
    }
}
