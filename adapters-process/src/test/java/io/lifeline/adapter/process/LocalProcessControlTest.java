package io.lifeline.adapter.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link LocalProcessControl} and the {@link ProcessTreeStopper} under it, on real {@code sh} trees this test starts.
 * A shell's exit code tells which signal ended it: 143 is SIGTERM, 137 SIGKILL (the JDK reports 128 + the signal).
 */
class LocalProcessControlTest {

    /** Longer than any test may take: a stop that waits it out has not sent SIGTERM. */
    private static final Duration LONG_GRACE = Duration.ofSeconds(60);
    private static final Duration SHORT_GRACE = Duration.ofMillis(300);
    /**
     * A bound for hangs, not a timing goal: well under {@link #LONG_GRACE}, so a stop that waited out the grace still
     * fails, and far above the second a stop takes here, because a loaded machine (a mutation run beside the build)
     * once took more than 10 s.
     */
    private static final long GENEROUS_SECONDS = 30;
    private static final int SIGTERM_EXIT = 128 + 15;
    private static final int SIGKILL_EXIT = 128 + 9;

    @TempDir
    Path workDir;

    private final SpawnedProcesses spawned = new SpawnedProcesses();
    private final LocalProcessControl control = new LocalProcessControl();

    @BeforeEach
    void needsPosixShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "these tests start /bin/sh trees, which this OS lacks");
    }

    @AfterEach
    void leaveNoProcessBehind() throws Exception {
        spawned.killSurvivors();
    }

    @Test
    void givenARunningProcess_whenAskedItsStart_thenTheStartTheOsRecords() throws Exception {
        Process sleep = start("exec sleep 60");

        assertThat(control.startOf(sleep.pid())).isPresent().isEqualTo(sleep.toHandle().info().startInstant());
    }

    @Test
    void givenAProcessThatHasExited_whenAskedItsStart_thenNone() throws Exception {
        Process done = start("exit 0");
        assertThat(done.waitFor(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(control.startOf(done.pid())).isEmpty();
    }

    @Test
    void givenATreeThatHonoursSigterm_whenStopped_thenEveryProcessGetsSigtermAndTheStopEndsWellBeforeTheGrace()
            throws Exception {
        Path marker = workDir.resolve("terminated");
        // The trap reaps the child before the shell exits, so no orphan is left for init to reap.
        Process shell = start("trap 'wait; echo terminated > \"" + marker + "\"; exit 0' TERM; "
                + "sleep 60 & echo $!; wait");
        ProcessHandle child = handleOf(firstLineAsPid(shell));

        stop(control.stopTree(shell.pid(), LONG_GRACE).toCompletableFuture());

        assertThat(shell.exitValue()).as("the shell ran its TERM trap").isZero();
        assertThat(marker).hasContent("terminated");
        assertThat(SpawnedProcesses.hasEnded(child)).as("the shell's child").isTrue();
    }

    @Test
    void givenATreeThatIgnoresSigterm_whenStopped_thenWhatIsLeftAfterTheGraceGetsSigkill() throws Exception {
        Process shell = start("trap '' TERM; sleep 60 & echo $!; wait");
        ProcessHandle child = handleOf(firstLineAsPid(shell));

        stop(control.stopTree(shell.pid(), SHORT_GRACE).toCompletableFuture());

        assertThat(shell.exitValue()).isEqualTo(SIGKILL_EXIT);
        assertThat(SpawnedProcesses.hasEnded(child)).as("the shell's child, which ignored SIGTERM too").isTrue();
    }

    @Test
    void givenAGrandchildThatOutlivesItsParent_whenStopped_thenItIsKilledAfterBeingReparented() throws Exception {
        Process shell = start("(trap '' TERM; sleep 60; :) & echo $!; wait");
        ProcessHandle subshell = handleOf(firstLineAsPid(shell));
        ProcessHandle grandchild = onlyChildOf(subshell);

        stop(control.stopTree(shell.pid(), SHORT_GRACE).toCompletableFuture());

        assertThat(shell.exitValue()).as("the shell died of SIGTERM at once").isEqualTo(SIGTERM_EXIT);
        assertThat(SpawnedProcesses.hasEnded(subshell)).isTrue();
        assertThat(SpawnedProcesses.hasEnded(grandchild)).isTrue();
    }

    @Test
    void givenAStopWaitingOutItsGrace_whenKilled_thenEvenTheReparentedProcessesItCapturedAreGoneAtOnce()
            throws Exception {
        Process shell = start("(trap '' TERM; sleep 60; :) & echo $!; wait");
        ProcessHandle subshell = handleOf(firstLineAsPid(shell));
        ProcessHandle grandchild = onlyChildOf(subshell);
        ProcessTreeStopper stopper = new ProcessTreeStopper(shell.toHandle());
        stopper.stop(LONG_GRACE);
        assertThat(shell.waitFor(GENEROUS_SECONDS, TimeUnit.SECONDS)).as("the shell died of SIGTERM").isTrue();
        assertThat(shell.toHandle().descendants()).as("the subshell was re-parented").isEmpty();

        stop(stopper.kill());

        assertThat(SpawnedProcesses.hasEnded(subshell)).isTrue();
        assertThat(SpawnedProcesses.hasEnded(grandchild)).isTrue();
    }

    @Test
    void givenATreeThatIgnoresSigterm_whenKilled_thenEveryProcessGetsSigkill() throws Exception {
        Process shell = start("trap '' TERM; sleep 60 & echo $!; wait");
        ProcessHandle child = handleOf(firstLineAsPid(shell));

        stop(new ProcessTreeStopper(shell.toHandle()).kill());

        assertThat(shell.exitValue()).isEqualTo(SIGKILL_EXIT);
        assertThat(SpawnedProcesses.hasEnded(child)).isTrue();
    }

    @Test
    void givenNoProcessWithThePid_whenStopped_thenTheStopIsAlreadyDone() throws Exception {
        Process done = start("exit 0");
        assertThat(done.waitFor(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(control.stopTree(done.pid(), LONG_GRACE).toCompletableFuture()).isCompleted();
    }

    private Process start(String script) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", script)
                .directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        spawned.track(process.pid());
        process.getOutputStream().close();
        return process;
    }

    private void stop(CompletableFuture<Void> stopping) throws Exception {
        stopping.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
    }

    private ProcessHandle handleOf(long pid) {
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("pid " + pid + " is gone"));
        spawned.track(pid);
        return handle;
    }

    /** The one child a subshell has started; it may take a moment to appear. */
    private ProcessHandle onlyChildOf(ProcessHandle parent) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GENEROUS_SECONDS);
        List<ProcessHandle> children = parent.children().toList();
        while (children.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            children = parent.children().toList();
        }
        assertThat(children).as("children of pid " + parent.pid()).hasSize(1);
        spawned.track(children.get(0).pid());
        return children.get(0);
    }

    private static long firstLineAsPid(Process process) throws Exception {
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(line).as("the pid the shell printed").isNotNull();
        return Long.parseLong(line.strip());
    }
}
