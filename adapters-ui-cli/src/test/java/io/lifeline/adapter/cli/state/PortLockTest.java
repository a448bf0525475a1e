package io.lifeline.adapter.cli.state;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One launcher per port, never waited for without a limit; real locks held by a real second process. */
class PortLockTest {

    private static final int PORT = 41999;

    @TempDir
    Path root;

    private Process holder;

    @AfterEach
    void endHolder() throws InterruptedException {
        if (holder != null) {
            holder.destroyForcibly();
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).as("lock holder gone").isTrue();
        }
    }

    @Test
    void givenAProcessThatNeverLetsGo_whenStarting_thenTheWaitEndsAtTheTimeoutNamingItsPidAndTheLockFile()
            throws Exception {
        Path runDir = RunFolder.check(root.resolve("run"));
        holder = holdLock(runDir.resolve(PortLock.FILE_NAME), PORT);
        AtomicInteger waits = new AtomicInteger();
        Instant before = Instant.now();

        assertThatThrownBy(() -> PortLock.acquire(runDir, PORT, Duration.ofMillis(300), waits::incrementAndGet))
                .isInstanceOf(PortLock.PortLockTimeout.class)
                .hasMessageContaining("pid " + holder.pid())
                .hasMessageContaining(runDir.resolve(PortLock.FILE_NAME).toString())
                .hasMessageContaining("port " + PORT);

        assertThat(Duration.between(before, Instant.now())).as("bounded by the timeout")
                .isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
        assertThat(waits).as("told the user once that it waits").hasValue(1);
    }

    @Test
    void givenAnotherPortIsLocked_whenStarting_thenThisPortIsTakenAtOnce() throws Exception {
        Path runDir = RunFolder.check(root.resolve("run"));
        holder = holdLock(runDir.resolve(PortLock.FILE_NAME), PORT + 1);

        try (PortLock lock = PortLock.acquire(runDir, PORT, Duration.ofMillis(300), () -> {
            throw new AssertionError("must not wait");
        })) {
            assertThat(lock).isNotNull();
        }
    }

    @Test
    void givenTheHolderDied_whenStarting_thenTheLockIsTaken() throws Exception {
        Path runDir = RunFolder.check(root.resolve("run"));
        holder = holdLock(runDir.resolve(PortLock.FILE_NAME), PORT);
        holder.destroyForcibly();
        assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();

        try (PortLock lock = PortLock.acquire(runDir, PORT, Duration.ofSeconds(5), () -> { })) {
            assertThat(lock).isNotNull();
        }
    }

    @Test
    void givenManyPorts_whenEachIsLockedAndReleased_thenOneLockFileIsLeftNotOnePerPort() throws IOException {
        Path runDir = RunFolder.check(root.resolve("run"));

        for (int port = PORT; port < PORT + 3; port++) {
            PortLock.acquire(runDir, port, Duration.ofSeconds(1), () -> { }).close();
        }

        try (var files = Files.list(runDir)) {
            assertThat(files).containsExactly(runDir.resolve(PortLock.FILE_NAME));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runDir.resolve(PortLock.FILE_NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    void givenALockFileOthersCanWrite_whenStarting_thenRefusedNamingIt() throws IOException {
        Path runDir = RunFolder.check(root.resolve("run"));
        Path file = Files.createFile(runDir.resolve(PortLock.FILE_NAME));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertThatThrownBy(() -> PortLock.acquire(runDir, PORT, Duration.ofSeconds(1), () -> { }))
                .isInstanceOf(UntrustedState.class).hasMessageContaining(file.toString())
                .hasMessageContaining("0666");
    }

    @Test
    void givenProcLocks_whenLookingForTheHolder_thenTheLineForThatFileAndByteNamesIt() throws IOException {
        Path file = Files.createFile(root.resolve(PortLock.FILE_NAME));
        long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        Path procLocks = Files.write(root.resolve("locks"), List.of(
                "1: POSIX  ADVISORY  WRITE 111 fe:00:" + inode + " 8000 8000",
                "1: -> POSIX  ADVISORY  WRITE 222 fe:00:" + inode + " " + PORT + " " + PORT,
                "2: FLOCK  ADVISORY  WRITE 333 fe:00:" + (inode + 1) + " 0 EOF",
                "3: POSIX  ADVISORY  WRITE 444 fe:00:" + inode + " " + PORT + " " + PORT));

        assertThat(PortLock.holder(file, PORT, procLocks)).isEqualTo(OptionalLong.of(444));
        assertThat(PortLock.holder(file, 9000, procLocks)).isEmpty();
        assertThat(PortLock.holder(file, PORT, root.resolve("missing"))).isEmpty();
    }

    /** A child JVM that holds byte {@code port} of the file until killed; returns once it holds it. */
    private static Process holdLock(Path file, int port) throws IOException {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), file.toString(),
                Integer.toString(port)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("the holder took the lock").isEqualTo("locked");
        return process;
    }
}
