package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendSpecTest {

    private static final Path DIR = Path.of("/srv/backend");

    @Test
    void givenADirectory_whenUsingDefaults_thenMainPyNeedingFastapiAndUvicornAndNoFixedInterpreter() {
        BackendSpec spec = BackendSpec.in(DIR);

        assertThat(spec.scriptPath()).isEqualTo(DIR.resolve("main.py"));
        assertThat(spec.requiredModules()).containsExactly("fastapi", "uvicorn");
        assertThat(spec.interpreter()).isEmpty();
        assertThat(spec.withInterpreter(Path.of("/usr/bin/python3.12")).interpreter())
                .contains(Path.of("/usr/bin/python3.12"));
    }

    @Test
    void givenAnInterpreter_whenAskingForTheInstallCommand_thenPipInstallOfTheRequirementsFile() {
        assertThat(BackendSpec.in(DIR).installCommand("/usr/bin/python3"))
                .isEqualTo("/usr/bin/python3 -m pip install -r /srv/backend/requirements.txt");
    }

    @Test
    void givenPathsWithSpaces_whenAskingForTheInstallCommand_thenBothAreQuoted() {
        BackendSpec spec = BackendSpec.in(Path.of("/home/me/My Backend"));

        assertThat(spec.installCommand("/opt/my python/bin/python"))
                .isEqualTo("\"/opt/my python/bin/python\" -m pip install -r \"/home/me/My Backend/requirements.txt\"");
    }

    @Test
    void givenBlankScript_whenCreating_thenRejected() {
        assertThatThrownBy(() -> new BackendSpec(DIR, " ", List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backend script must not be empty");
    }

    @Test
    void givenMutableModuleList_whenChangedAfterCreation_thenTheSpecDoesNotChange() {
        List<String> modules = new ArrayList<>(List.of("fastapi"));
        BackendSpec spec = new BackendSpec(DIR, "main.py", modules, Optional.empty());

        modules.add("uvicorn");

        assertThat(spec.requiredModules()).containsExactly("fastapi");
    }
}
