package io.lifeline.adapter.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which interpreter runs a program, and which script a found interpreter runs; on real files where files matter. */
class PythonCommandsTest {

    @TempDir
    Path dir;

    @Test
    void givenAFoundInterpreterWithAScript_thenTheScriptIsItsFirstArgumentUnlessThatIsAnOption() {
        assertThat(PythonCommands.script(List.of("{python}", "app.py"))).contains("app.py");
        assertThat(PythonCommands.script(List.of("{python}", "-m", "uvicorn"))).isEmpty();
        assertThat(PythonCommands.script(List.of("{python}"))).isEmpty();
        assertThat(PythonCommands.script(List.of("python3", "app.py"))).as("a named interpreter").isEmpty();
    }

    @Test
    void givenAnInterpreterOrALauncherWithArguments_thenItIsItsOwnInterpreter() {
        assertThat(PythonCommands.interpreterOf("/usr/bin/python3.11")).isEqualTo("/usr/bin/python3.11");
        assertThat(PythonCommands.interpreterOf("py -3")).isEqualTo("py -3");
    }

    @Test
    void givenAServerScriptInAFolderWithSpacesBesideAPython_thenThatPythonRunsIt() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "needs POSIX permissions");
        Path bin = Files.createDirectories(dir.resolve("my app").resolve(".venv").resolve("bin"));
        Path uvicorn = executable(bin.resolve("uvicorn"), "#!/usr/bin/env python3\n");
        Path python = executable(bin.resolve("python"), "");

        assertThat(PythonCommands.interpreterOf(uvicorn.toString())).isEqualTo(python.toString());
    }

    @Test
    void givenAShebangNamingEnvAlone_thenItNamesNoInterpreterAndPython3IsAssumed() throws Exception {
        Path script = Files.writeString(dir.resolve("serve"), "#!/usr/bin/env\nprint(1)\n");

        assertThat(PythonCommands.interpreterOf(script.toString())).isEqualTo("python3");
    }

    @Test
    void givenAShebangThroughEnv_thenTheInterpreterAfterEnvRunsIt() throws Exception {
        Path script = Files.writeString(dir.resolve("serve"), "#!/usr/bin/env  python3.12 -u\nprint(1)\n");

        assertThat(PythonCommands.interpreterOf(script.toString())).isEqualTo("python3.12");
    }

    private static Path executable(Path file, String content) throws Exception {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
