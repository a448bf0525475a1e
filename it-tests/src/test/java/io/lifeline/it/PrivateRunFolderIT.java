package io.lifeline.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run folder as another local user or a hung start would leave it, against the real {@code lifeline} command:
 * nothing planted there is trusted, and no lock makes a start wait for ever.
 */
class PrivateRunFolderIT extends CliTestBase {

    @Test
    void givenAPlantedRecordWithoutStartTimeNamingALiveProcess_whenStopping_thenRefusedAndTheProcessLives()
            throws Exception {
        int port = Fixture.freePort();
        Path runDir = LifelineCli.RUN_DIR.resolve("planted-" + port);
        Process sleep = new ProcessBuilder("sleep", "1000").start();
        started.add(sleep.pid());
        Files.createDirectories(runDir);
        Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx------"));
        Path record = Files.writeString(runDir.resolve("backend-" + port + ".json"), "{\"pid\": " + sleep.pid()
                + ", \"host\": \"127.0.0.1\", \"port\": " + port + ", \"correlationId\": \"planted\","
                + " \"startedAt\": \"2026-01-01T00:00:00Z\", \"detached\": true}");
        Files.setPosixFilePermissions(record, PosixFilePermissions.fromString("rw-------"));

        lifeline = LifelineCli.run(Map.of(), "stop", "--port", Integer.toString(port), "--run-dir",
                runDir.toString());

        assertThat(lifeline.exitCode(Duration.ofSeconds(30))).as("stderr %s", lifeline.stderr).isEqualTo(28);
        assertThat(lifeline.stderr).anyMatch(line -> line.contains("not stopping pid " + sleep.pid())
                && line.contains("no process start time"));
        assertThat(lifeline.stdout).noneMatch(line -> line.contains("stopped"));
        assertThat(sleep.isAlive()).as("the user's unrelated process was not signalled").isTrue();
    }

    @Test
    void givenARunFolderEveryoneCanWrite_whenStarting_thenRefusedBeforeAnythingRuns() throws Exception {
        int port = Fixture.freePort();
        Path runDir = Files.createDirectories(LifelineCli.RUN_DIR.resolve("shared-" + port));
        Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwxrwxrwx"));

        lifeline = LifelineCli.run(Map.of("FIXTURE_SCENARIO", "healthy"), "start", "--port",
                Integer.toString(port), "--run-dir", runDir.toString());

        assertThat(lifeline.exitCode(Duration.ofSeconds(30))).as("stderr %s", lifeline.stderr).isEqualTo(28);
        assertThat(lifeline.stderr).containsExactly("lifeline: the run folder " + runDir + " is not private: its"
                + " mode is 0777: group and others can write to it; fix: chmod 700 " + runDir);
        try (var files = Files.list(runDir)) {
            assertThat(files).as("nothing written there").isEmpty();
        }
    }

    @Test
    void givenAPortLockHeldByAProcessThatNeverLetsGo_whenStarting_thenItFailsAtTheStartupTimeoutNamingTheHolder()
            throws Exception {
        int port = Fixture.freePort();
        Path runDir = LifelineCli.RUN_DIR.resolve("locked-" + port);
        Files.createDirectories(runDir);
        Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx------"));
        Path lockFile = runDir.resolve("ports.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock(port, 1, false)) {
            Files.setPosixFilePermissions(lockFile, PosixFilePermissions.fromString("rw-------"));
            Instant before = Instant.now();

            lifeline = LifelineCli.run(Map.of("FIXTURE_SCENARIO", "healthy"), "start", "--port",
                    Integer.toString(port), "--run-dir", runDir.toString(), "--startup-timeout", "2s");

            assertThat(lifeline.exitCode(Duration.ofSeconds(60))).as("stderr %s", lifeline.stderr).isEqualTo(13);
            assertThat(Duration.between(before, Instant.now())).as("bounded").isLessThan(Duration.ofSeconds(30));
            assertThat(lifeline.stderr).anyMatch(line -> line.contains("held the lock of port " + port)
                    && line.contains("pid " + ProcessHandle.current().pid()) && line.contains(lockFile.toString()));
            assertThat(held.isValid()).isTrue();
        }
    }

    @Test
    void givenADetachedStartAndStop_thenTheRunFolderIsOwnerOnlyAndNoLockFilePerPortIsLeft() throws Exception {
        int port = Fixture.freePort();
        Path runDir = LifelineCli.RUN_DIR.resolve("private-" + port);

        lifeline = LifelineCli.run(Map.of("FIXTURE_SCENARIO", "healthy"), "start", "--detach", "--port",
                Integer.toString(port), "--run-dir", runDir.toString());
        assertThat(lifeline.exitCode(Duration.ofSeconds(60))).as("stderr %s", lifeline.stderr).isZero();
        String record = Files.readString(runDir.resolve("backend-" + port + ".json"));
        started.add(Long.parseLong(record.replaceAll("(?s).*\"pid\" : (\\d+).*", "$1")));

        assertThat(mode(runDir)).isEqualTo("rwx------");
        assertThat(mode(runDir.resolve("backend-" + port + ".json"))).isEqualTo("rw-------");
        assertThat(mode(runDir.resolve("backend-" + port + ".out"))).isEqualTo("rw-------");
        assertThat(mode(LifelineCli.LOG_DIR.resolve("lifeline.log"))).isEqualTo("rw-------");

        LifelineCli stop = LifelineCli.run(Map.of(), "stop", "--port", Integer.toString(port), "--run-dir",
                runDir.toString());
        assertThat(stop.exitCode(Duration.ofSeconds(30))).as("stderr %s", stop.stderr).isZero();
        try (var files = Files.list(runDir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(".lock") && !name.equals("ports.lock"))
                    .doesNotContain("backend-" + port + ".json");
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
