package io.lifeline.adapter.cli.state;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.model.LaunchRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Launch records: written owner-only, read only through the run folder's check, and only for their own port. */
class LaunchRecordsTest {

    private static final int PORT = 41997;
    private static final Endpoint ENDPOINT = new Endpoint("127.0.0.1", PORT);

    @TempDir
    Path root;

    private Path runDir;
    private Process sleep;

    @BeforeEach
    void startAProcessOfAnotherRun() throws IOException {
        runDir = root.resolve("run");
        sleep = new ProcessBuilder("sleep", "1000").start();
    }

    @AfterEach
    void endIt() throws InterruptedException {
        sleep.destroyForcibly();
        assertThat(sleep.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private RunRecord recordOfSleep(int port, String processStart) {
        return new RunRecord(sleep.pid(), processStart, "127.0.0.1", port, "backend-startup-1",
                "2026-01-01T00:00:00Z", root.toString(), null, "their-secret", true);
    }

    private String startOfSleep() {
        return sleep.toHandle().info().startInstant().orElseThrow().toString();
    }

    private void launchHere() {
        long pid = ProcessHandle.current().pid();
        new RunDirLaunchRecords(runDir).keep(new LaunchRecord(pid, ProcessHandle.current().info().startInstant(),
                ENDPOINT, root, "our-secret"), new CorrelationId("backend-startup-2"), Instant.EPOCH, LaunchMode.ATTACHED);
    }

    @Test
    void givenThisRunsLaunch_whenItsRunIsOver_thenItsRecordGoes_butNotAnotherRunsRecord() {
        launchHere();
        long pid = ProcessHandle.current().pid();
        assertThat(new RunDirLaunchRecords(runDir).find(ENDPOINT)).map(record -> record.secret()).contains("our-secret");

        new RunDirLaunchRecords(runDir).forget(ENDPOINT, java.util.Set.of(pid + 1));
        assertThat(RunStateFile.read(runDir, PORT)).as("not one of the given launches").isPresent();
        new RunDirLaunchRecords(runDir).forget(ENDPOINT, java.util.Set.of(pid));
        assertThat(RunStateFile.read(runDir, PORT)).isEmpty();
    }

    @Test
    void givenAnotherRunsRecordNamingALivePidWithoutStartTime_whenLaunching_thenThisRunsRecordReplacesIt() {
        RunStateFile.write(runDir, recordOfSleep(PORT, null));

        launchHere();

        assertThat(RunStateFile.read(runDir, PORT)).map(RunRecord::pid)
                .as("a live pid alone keeps no record").contains(ProcessHandle.current().pid());
    }

    @Test
    void givenAnotherRunsRecordProvenByItsStartTime_whenLaunching_thenItStays() {
        RunStateFile.write(runDir, recordOfSleep(PORT, startOfSleep()));

        launchHere();

        assertThat(RunStateFile.read(runDir, PORT)).map(RunRecord::pid).contains(sleep.pid());
    }

    @Test
    void givenARecordLinkedToAnotherPortsRecord_whenFindingTheProof_thenThereIsNone() throws IOException {
        RunStateFile.write(runDir, recordOfSleep(PORT + 1, startOfSleep()));
        Files.createSymbolicLink(RunStateFile.path(runDir, PORT), RunStateFile.path(runDir, PORT + 1));

        assertThat(new RunDirLaunchRecords(runDir).find(ENDPOINT)).isEmpty();
        assertThatThrownBy(() -> RunStateFile.read(runDir, PORT)).isInstanceOf(UntrustedState.class)
                .hasMessageContaining("symbolic link");
    }

    @Test
    void givenARecordWrittenForAnotherPort_whenReading_thenRefusedAndNoProof() throws IOException {
        RunStateFile.write(runDir, recordOfSleep(PORT + 1, startOfSleep()));
        Files.move(RunStateFile.path(runDir, PORT + 1), RunStateFile.path(runDir, PORT));

        assertThat(new RunDirLaunchRecords(runDir).find(ENDPOINT)).isEmpty();
        assertThatThrownBy(() -> RunStateFile.read(runDir, PORT)).isInstanceOf(UntrustedState.class)
                .hasMessageContaining("is for port " + (PORT + 1));
    }

    @Test
    void givenARecordForAnotherHost_whenFindingTheProof_thenThereIsNone() {
        RunStateFile.write(runDir, recordOfSleep(PORT, startOfSleep()));

        assertThat(new RunDirLaunchRecords(runDir).find(new Endpoint("0.0.0.0", PORT))).isEmpty();
        assertThat(new RunDirLaunchRecords(runDir).find(ENDPOINT)).map(record -> record.pid()).contains(sleep.pid());
    }

    @Test
    void givenARecordOfAnotherUser_whenFindingTheProof_thenThereIsNone() throws IOException {
        RunStateFile.write(runDir, recordOfSleep(PORT, startOfSleep()));
        OwnerOnlyFilesTest.chownOrSkip(RunStateFile.path(runDir, PORT), OwnerOnlyFilesTest.OTHER_UID);

        assertThat(new RunDirLaunchRecords(runDir).find(ENDPOINT)).isEmpty();
    }

    @Test
    void givenARecord_whenWritten_thenOwnerOnlyInAnOwnerOnlyFolder() throws IOException {
        RunStateFile.write(runDir, recordOfSleep(PORT, startOfSleep()));

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(RunStateFile.path(runDir, PORT)))).isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(runDir)))
                .isEqualTo("rwx------");
    }
}
