package io.lifeline.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProgramsTest {

    @Test
    void givenABareName_whenTheBackendsPathHasIt_thenItsAbsolutePath_elseNothing(@TempDir Path dir) throws Exception {
        Path tool = Files.writeString(dir.resolve("lifeline-test-tool"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));

        assertThat(Programs.found("lifeline-test-tool", Map.of("PATH", dir.toString()))).contains(tool);
        assertThat(Programs.found("lifeline-test-tool", Map.of())).isEmpty();
        assertThat(Programs.found("sh", Map.of())).hasValueSatisfying(sh -> assertThat(sh).isAbsolute());
    }
}
