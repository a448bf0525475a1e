package io.lifeline.adapter.cli.output;

import io.lifeline.adapter.cli.config.Origin;
import io.lifeline.adapter.cli.state.UntrustedState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** lifeline.log holds the backend's output: it lives 0600 in a 0700 folder that nobody else can write. */
class LogSetupTest {

    @TempDir
    Path root;

    private final String previousLogDir = System.getProperty(LogSetup.LOG_DIR_PROPERTY);

    @AfterEach
    void restore() {
        if (previousLogDir == null) {
            System.clearProperty(LogSetup.LOG_DIR_PROPERTY);
        } else {
            System.setProperty(LogSetup.LOG_DIR_PROPERTY, previousLogDir);
        }
    }

    @Test
    void givenNoLogFolder_whenSetUp_thenTheFolderIs0700AndTheLogFile0600BeforeLogbackOpensIt() throws IOException {
        Path logs = root.resolve("home/.lifeline/logs");

        LogSetup.useLogDirectory(logs, Origin.DEFAULT);

        assertThat(mode(logs)).isEqualTo("rwx------");
        assertThat(mode(logs.resolve("lifeline.log"))).isEqualTo("rw-------");
    }

    @Test
    void givenLogFilesOfAnEarlierVersion_whenSetUp_thenTheyAreMadeOwnerOnly() throws IOException {
        Path logs = Files.createDirectory(root.resolve("logs"));
        Path log = Files.writeString(logs.resolve("lifeline.log"), "token=abc\n");
        Path rolled = Files.writeString(logs.resolve("lifeline.2026-01-01.0.log.gz"), "old");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(rolled, PosixFilePermissions.fromString("rw-r--r--"));

        LogSetup.useLogDirectory(logs, Origin.DEFAULT);

        assertThat(mode(log)).isEqualTo("rw-------");
        assertThat(mode(rolled)).isEqualTo("rw-------");
        assertThat(log).hasContent("token=abc");
    }

    @Test
    void givenALogFolderOthersCanWrite_whenSetUp_thenRefusedNamingItsModeAndTheFix() throws IOException {
        Path logs = Files.createDirectory(root.resolve("logs"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> LogSetup.useLogDirectory(logs, Origin.DEFAULT))
                .isInstanceOf(UntrustedState.class)
                .hasMessage("the log folder " + logs + " is not private: its mode is 0777: group and others can write"
                        + " to it; fix: chmod 700 " + logs);
        assertThat(logs.resolve("lifeline.log")).doesNotExist();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
