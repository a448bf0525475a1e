package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendSpecTest {

    private static final Path DIR = Path.of("/srv/backend");

    @Test
    void givenAnInterpreter_thenOnlyThatOneIsKept() {
        assertThat(spec().interpreter()).isEmpty();
        assertThat(spec().withInterpreter(Path.of("/usr/bin/python3.12")).interpreter())
                .contains(Path.of("/usr/bin/python3.12"));
        assertThat(spec().program()).isEqualTo("server");
        assertThat(spec().describe()).isEqualTo("server --port {port}");
    }

    @Test
    void givenBlankOrEmptyCommand_whenCreating_thenRejected() {
        assertThatThrownBy(() -> new BackendSpec(DIR, List.of(" "), List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the backend command must name a program");
        assertThatThrownBy(() -> new BackendSpec(DIR, List.of(), List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the backend command must name a program");
    }

    @Test
    void givenDefaults_thenReadyByProbes_andAReadyLineCanBeAdded() {
        assertThat(spec().readiness()).isEqualTo(Readiness.PROBES);
        Readiness byLine = Readiness.lineOnly(java.util.regex.Pattern.compile("running on"));
        assertThat(spec().withReadiness(byLine).readiness()).isEqualTo(byLine);
        assertThat(spec().withReadiness(byLine).withInterpreter(Path.of("/x")).readiness()).isEqualTo(byLine);
    }

    @Test
    void givenMutableModuleList_whenChangedAfterCreation_thenTheSpecDoesNotChange() {
        List<String> modules = new ArrayList<>(List.of("fastapi"));
        BackendSpec spec = new BackendSpec(DIR, List.of("main.py"), modules, Optional.empty());

        modules.add("uvicorn");

        assertThat(spec.requiredModules()).containsExactly("fastapi");
    }

    @Test
    void givenDefaults_thenNoExtraEnvironment() {
        assertThat(spec().environment()).isEmpty();
    }

    @Test
    void givenEnvironmentAndInterpreter_whenSetInEitherOrder_thenBothAreKept() {
        Map<String, String> environment = Map.of("LIFELINE_MODE", "degraded");
        Path python = Path.of("/usr/bin/python3.12");

        BackendSpec spec = spec().withEnvironment(environment).withInterpreter(python);

        assertThat(spec.environment()).isEqualTo(environment);
        assertThat(spec.interpreter()).contains(python);
        assertThat(spec().withInterpreter(python).withEnvironment(environment)).isEqualTo(spec);
    }

    @Test
    void givenMutableEnvironment_whenChangedAfterCreation_thenTheSpecDoesNotChange() {
        Map<String, String> environment = new HashMap<>(Map.of("A", "1"));
        BackendSpec spec = spec().withEnvironment(environment);

        environment.put("B", "2");

        assertThat(spec.environment()).containsOnlyKeys("A");
    }

    @Test
    void givenEnvironmentValues_thenTheTextOfTheSpecNamesTheVariablesButNeverTheirValues() {
        String text = spec().withEnvironment(Map.of("LIFELINE_SECRET", "0a1b2c", "APP_MODE", "demo")).toString();

        assertThat(text).contains("environment=[APP_MODE, LIFELINE_SECRET]").doesNotContain("0a1b2c")
                .doesNotContain("demo");
    }

    private static BackendSpec spec() {
        return new BackendSpec(DIR, List.of("server", "--port", "{port}"), List.of("fastapi", "uvicorn"),
                Optional.empty());
    }
}
