package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendScriptMissing;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.ProgramNotExecutable;
import io.lifeline.domain.model.ProgramNotFound;
import io.lifeline.domain.port.out.ProgramCheck.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** On real files in a temporary backend folder, with the backend's own PATH. */
class LocalProgramCheckTest {

    @TempDir
    Path backendDir;

    private final LocalProgramCheck check = new LocalProgramCheck();

    @Test
    void givenAPythonScriptThatIsThere_whenChecked_thenTheScriptIsTheProgramAndNothingIsWrong() throws Exception {
        Path script = Files.writeString(backendDir.resolve("app.py"), "print('hi')\n");

        Finding finding = check.check(spec("{python}", "app.py", "--reload"));

        assertThat(finding).isEqualTo(new Finding(script.toString(), Optional.empty()));
    }

    @Test
    void givenAPythonScriptThatIsMissing_whenChecked_thenTheMissingScriptIsNamedByItsAbsolutePath() {
        Path script = backendDir.resolve("app.py");

        Finding finding = check.check(spec("{python}", "app.py"));

        assertThat(finding).isEqualTo(new Finding(script.toString(),
                Optional.of(new BackendScriptMissing(script.toAbsolutePath().toString()))));
    }

    @Test
    void givenAPythonScriptThatIsAFolder_whenChecked_thenItCountsAsMissing() throws Exception {
        Path folder = Files.createDirectory(backendDir.resolve("app.py"));

        assertThat(check.check(spec("{python}", "app.py")).problem())
                .contains(new BackendScriptMissing(folder.toAbsolutePath().toString()));
    }

    @Test
    void givenAPythonModuleRatherThanAScript_whenChecked_thenThePlaceholderIsTheProgramAndNothingIsWrong() {
        assertThat(check.check(spec("{python}", "-m", "uvicorn", "app:app")))
                .isEqualTo(new Finding("{python}", Optional.empty()));
    }

    @Test
    void givenAnExecutableProgramByPath_whenChecked_thenItsFileIsTheProgram() throws Exception {
        assumeTrue(Files.getFileStore(backendDir).supportsFileAttributeView("posix"), "needs POSIX permissions");
        Path program = Files.writeString(backendDir.resolve("serve"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));

        assertThat(check.check(spec("./serve", "--port", "{port}")))
                .isEqualTo(new Finding(program.toString(), Optional.empty()));
    }

    @Test
    void givenAProgramThatIsNotExecutable_whenChecked_thenTheFileAndTheReasonAreReported() throws Exception {
        assumeTrue(Files.getFileStore(backendDir).supportsFileAttributeView("posix"), "needs POSIX permissions");
        Path program = Files.writeString(backendDir.resolve("serve"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rw-------"));

        assertThat(check.check(spec("./serve"))).isEqualTo(new Finding("./serve",
                Optional.of(new ProgramNotExecutable(program.toString(), "no execute permission"))));
    }

    @Test
    void givenABareNameOnTheBackendsOwnPath_whenChecked_thenTheFileFoundThereIsTheProgram() throws Exception {
        assumeTrue(Files.getFileStore(backendDir).supportsFileAttributeView("posix"), "needs POSIX permissions");
        Path bin = Files.createDirectory(backendDir.resolve("bin"));
        Path program = Files.writeString(bin.resolve("lifeline-test-serve"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));

        Finding finding = check.check(spec("lifeline-test-serve").withEnvironment(Map.of("PATH", bin.toString())));

        assertThat(finding).isEqualTo(new Finding(program.toString(), Optional.empty()));
    }

    @Test
    void givenABareNameOnNoFolderOfThePath_whenChecked_thenItIsNotFoundAndThePathIsShown() throws Exception {
        Path empty = Files.createDirectory(backendDir.resolve("empty-bin"));

        Finding finding = check.check(spec("lifeline-test-absent").withEnvironment(Map.of("PATH", empty.toString())));

        assertThat(finding).isEqualTo(new Finding("lifeline-test-absent",
                Optional.of(new ProgramNotFound("lifeline-test-absent", "PATH: " + empty))));
    }

    private BackendSpec spec(String... command) {
        return new BackendSpec(backendDir, List.of(command), List.of(), Optional.empty());
    }
}
