package io.lifeline.adapter.cli.config;

import io.lifeline.adapter.cli.testing.LifelineDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The declarations themselves, and the one rule between settings that the domain no longer applies. */
class SettingsTest {

    /** Settings whose documented default is a description rather than a value. */
    private static final Set<Setting<?>> DESCRIBED_DEFAULTS = Set.of(Settings.BACKEND_DIR, Settings.PYTHON,
            Settings.EXPECTED_SERVICE, Settings.WORKING_DIR, Settings.ENV, Settings.READY_LINE,
            Settings.EXPECTED_VERSION);

    @TempDir
    Path root;

    @Test
    void givenEverySetting_whenReadingItsDocumentedDefault_thenItIsItsDefaultValue() {
        LifelineDirs dirs = LifelineDirs.under(root);
        Folders folders = new Folders(dirs.workingDirectory(), dirs.userHome(), dirs.lifelineHome());

        for (Setting<?> setting : Settings.ALL) {
            if (!DESCRIBED_DEFAULTS.contains(setting)) {
                assertThat((Object) setting.parse(setting.defaultText(), folders)).as(setting.key())
                        .isEqualTo(setting.defaultValue(folders));
            }
        }
    }

    @Test
    void givenTheDeclarations_whenListed_thenKeysAndFlagsAreUnique() {
        List<String> keys = Settings.ALL.stream().map(Setting::key).toList();
        List<String> flags = Settings.ALL.stream().flatMap(setting -> setting.flag().stream()).toList();

        assertThat(keys).doesNotHaveDuplicates();
        assertThat(flags).doesNotHaveDuplicates().allMatch(flag -> flag.startsWith("--"));
        assertThat(Settings.ALL.stream().map(setting -> Settings.byKey(setting.key()).orElseThrow())
                .collect(Collectors.toList())).isEqualTo(Settings.ALL);
    }

    @Test
    void givenOnlyARetryDelayAboveTheDefaultCap_whenLoading_thenTheCapFollowsTheDelay() {
        LifelineConfig config = LifelineDirs.under(root).loader()
                .load(Optional.empty(), Map.of(Settings.RETRY_DELAY, "90s", Settings.RESTART_DELAY, "2m"));

        assertThat(config.retry().maxDelay()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.command().supervision().restart().maxDelay()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void givenADelayAboveACapTheUserSet_whenLoading_thenItIsAnErrorNamingBoth() {
        assertThatThrownBy(() -> LifelineDirs.under(root).loader().load(Optional.empty(),
                Map.of(Settings.RESTART_DELAY, "90s", Settings.RESTART_MAX_DELAY, "1m")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("restartDelay 90s (from flag --restart-delay) must not be longer than restartMaxDelay 1m"
                        + " (from flag restartMaxDelay)");
    }

    @Test
    void givenADelayBelowTheDefaultCap_whenLoading_thenTheCapStaysAtItsDefault() {
        LifelineConfig config = LifelineDirs.under(root).loader()
                .load(Optional.empty(), Map.of(Settings.RETRY_DELAY, "5s"));

        assertThat(config.retry().maxDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.origin(Settings.RETRY_MAX_DELAY).source()).isEqualTo(Source.DEFAULT);
        assertThat(config.origin(Settings.RETRY_DELAY).source()).isEqualTo(Source.FLAG);
    }
}
