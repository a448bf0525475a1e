package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.state.RunFolder;
import io.lifeline.adapter.cli.state.RunRecord;
import io.lifeline.adapter.cli.state.RunStateFile;
import io.lifeline.adapter.cli.testing.LifelineDirs;
import io.lifeline.adapter.process.LocalProcessControl;
import io.lifeline.domain.operation.DetachedBackendStopper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code lifeline stop} against real records and a real process of the user's (a {@code sleep}): it signals only the
 * process a private record for this port proves by its start time, and refuses anything else with exit 28.
 */
class StopCommandTest {

    private static final int PORT = 41998;
    private static final int OTHER_UID = 65534;

    @TempDir
    Path root;

    private LifelineDirs dirs;
    private TestCommands commands;
    private Path runDir;
    private Process sleep;

    @BeforeEach
    void startAnUnrelatedProcess() throws IOException {
        dirs = LifelineDirs.under(root);
        runDir = root.resolve("run");
        sleep = new ProcessBuilder("sleep", "1000").start();
    }

    @AfterEach
    void endIt() throws InterruptedException {
        sleep.destroyForcibly();
        assertThat(sleep.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private int stop() {
        commands = new TestCommands(dirs.loader(Map.of()))
                .stoppingWith(new DetachedBackendStopper(new LocalProcessControl()));
        return commands.execute("stop", "--port", Integer.toString(PORT), "--run-dir", runDir.toString(),
                "--log-dir", root.resolve("logs").toString(), "--stop-grace", "2s");
    }

    private RunRecord record(int port, String processStart) {
        return new RunRecord(sleep.pid(), processStart, "127.0.0.1", port, "backend-startup-1", "2026-01-01T00:00:00Z",
                root.toString(), null, "secret", true);
    }

    private String startOfSleep() {
        return sleep.toHandle().info().startInstant().orElseThrow().toString();
    }

    @Test
    void givenARecordProvingItsProcess_whenStopping_thenItsTreeIsStoppedAndTheRecordRemoved() throws Exception {
        RunStateFile.write(runDir, record(PORT, startOfSleep()));

        assertThat(stop()).as(commands.stderr()).isZero();

        assertThat(commands.stdout()).contains("stopped: backend pid " + sleep.pid());
        assertThat(sleep.waitFor(10, TimeUnit.SECONDS)).as("stopped").isTrue();
        assertThat(RunStateFile.path(runDir, PORT)).doesNotExist();
    }

    @Test
    void givenARunFolderThatCannotBeMade_whenStopping_thenOneLineAndUsageExitCode_notAnInternalError()
            throws IOException {
        Path file = Files.writeString(root.resolve("a-file"), "not a folder");
        commands = new TestCommands(dirs.loader(Map.of()))
                .stoppingWith(new DetachedBackendStopper(new LocalProcessControl()));

        int exit = commands.execute("stop", "--port", Integer.toString(PORT), "--run-dir",
                file.resolve("run").toString(), "--log-dir", root.resolve("logs").toString());

        assertThat(exit).as(commands.stderr()).isEqualTo(64);
        assertThat(commands.stderr()).startsWith("lifeline: ").contains(file.resolve("run").toString())
                .doesNotContain("internal error").doesNotContain("Exception");
    }

    @Test
    void givenARecordWithoutStartTimeNamingALiveProcess_whenStopping_thenRefusedAndNothingSignalled() {
        RunStateFile.write(runDir, record(PORT, null));

        assertThat(stop()).isEqualTo(28);

        assertThat(commands.stderr()).contains("not stopping pid " + sleep.pid())
                .contains("no process start time").contains(RunStateFile.path(runDir, PORT).toString());
        assertThat(sleep.isAlive()).as("the unrelated process still runs").isTrue();
        assertThat(RunStateFile.path(runDir, PORT)).as("left for the user to judge").exists();
    }

    @Test
    void givenARecordWhoseStartTimeIsNotTheLiveProcesss_whenStopping_thenRefusedAndTheStaleRecordRemoved() {
        RunStateFile.write(runDir, record(PORT, "2001-01-01T00:00:00Z"));

        assertThat(stop()).isEqualTo(28);

        assertThat(commands.stderr()).contains("not stopping pid " + sleep.pid()).contains("another process now");
        assertThat(sleep.isAlive()).isTrue();
        assertThat(RunStateFile.path(runDir, PORT)).doesNotExist();
    }

    @Test
    void givenARecordLinkedToAnotherPortsRecord_whenStopping_thenRefusedAsALink() throws IOException {
        RunStateFile.write(runDir, record(PORT + 1, startOfSleep()));
        Files.createSymbolicLink(RunStateFile.path(runDir, PORT), RunStateFile.path(runDir, PORT + 1));

        assertThat(stop()).isEqualTo(28);

        assertThat(commands.stderr()).contains(RunStateFile.path(runDir, PORT).toString()).contains("symbolic link");
        assertThat(sleep.isAlive()).isTrue();
    }

    @Test
    void givenARecordWrittenForAnotherPort_whenStopping_thenRefused() throws IOException {
        RunStateFile.write(runDir, record(PORT + 1, startOfSleep()));
        Files.move(RunStateFile.path(runDir, PORT + 1), RunStateFile.path(runDir, PORT));

        assertThat(stop()).isEqualTo(28);

        assertThat(commands.stderr()).contains("is for port " + (PORT + 1) + ", not " + PORT);
        assertThat(sleep.isAlive()).isTrue();
    }

    @Test
    void givenARunFolderOthersCanWrite_whenStopping_thenRefusedNamingTheFolderItsModeAndTheFix() throws IOException {
        RunStateFile.write(runDir, record(PORT, startOfSleep()));
        Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(stop()).isEqualTo(28);

        assertThat(commands.stderr()).contains("the run folder " + runDir).contains("0777")
                .contains("chmod 700 " + runDir);
        assertThat(commands.stderr().lines()).as("one line").hasSize(1);
        assertThat(sleep.isAlive()).isTrue();
    }

    @Test
    void givenARunFolderOfAnotherUser_whenStopping_thenRefusedNamingItsOwner() throws IOException {
        RunStateFile.write(runDir, record(PORT, startOfSleep()));
        chownOrSkip(runDir);

        assertThat(stop()).isEqualTo(28);

        assertThat(commands.stderr()).contains("the run folder " + runDir).contains("uid " + OTHER_UID);
        assertThat(sleep.isAlive()).isTrue();
    }

    @Test
    void givenNoRunFolder_whenStopping_thenItIsCreatedOwnerOnly() throws IOException {
        assertThat(stop()).isZero();

        assertThat(commands.stdout()).contains("nothing to stop");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("logs"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("logs/lifeline.log"))))
                .isEqualTo("rw-------");
        assertThat(RunFolder.check(runDir)).isEqualTo(runDir);
    }

    private static void chownOrSkip(Path path) throws IOException {
        try {
            Files.setAttribute(path, "unix:uid", OTHER_UID, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | SecurityException | UnsupportedOperationException notAllowed) {
            assumeThat(false).as("cannot give " + path + " to another user here (not root): " + notAllowed).isTrue();
        }
    }
}
