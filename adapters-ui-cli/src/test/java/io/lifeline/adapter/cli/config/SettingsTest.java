package io.lifeline.adapter.cli.config;

import io.lifeline.adapter.cli.testing.LifelineDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The declarations themselves, and the one rule between settings that the domain no longer applies. */
class SettingsTest {

    @TempDir
    Path root;

    @Test
    void givenEverySetting_whenReadingItsDocumentedDefault_thenItIsItsDefaultValue() {
        LifelineDirs dirs = LifelineDirs.under(root);
        Folders folders = new Folders(dirs.workingDirectory(), dirs.userHome(), dirs.lifelineHome());

        // A default told in words says so in its declaration (byDefaultDescribed): no list to keep here.
        for (Setting<?> setting : Settings.ALL) {
            if (!setting.defaultIsDescribed()) {
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
