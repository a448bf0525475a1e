package io.lifeline.adapter.process;

import io.lifeline.domain.model.ProcessFacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real processes this test starts ({@code sleep}, small {@code sh} trees), read through the real {@code /proc}; the
 * parsing cases plant a {@code cmdline} or {@code cwd} for a real, live pid under a stand-in proc root.
 */
class ProcProcessInspectorTest {

    private static final Path PROC = Path.of("/proc");

    @TempDir
    Path workDir;

    @TempDir
    Path fakeProc;

    private final SpawnedProcesses spawned = new SpawnedProcesses();
    private final ProcProcessInspector inspector = new ProcProcessInspector();

    @BeforeEach
    void needsLinuxProc() {
        assumeTrue(Files.isReadable(PROC.resolve("self").resolve("cmdline")),
                "these tests read Linux's /proc, which this OS does not have");
    }

    @AfterEach
    void leaveNoProcessBehind() throws Exception {
        spawned.killSurvivors();
    }

    @Test
    void givenASleepStartedInAFolder_whenInspected_thenItsExactArgvFolderStartAndParentAreShown() throws Exception {
        Process sleep = start(new ProcessBuilder("sleep", "60").directory(workDir.toFile()));

        Path folder = workDir.toRealPath();

        Optional<ProcessFacts> facts = inspector.facts(sleep.pid());

        assertThat(facts).hasValueSatisfying(shown -> {
            assertThat(shown.pid()).isEqualTo(sleep.pid());
            assertThat(shown.argv()).containsExactly("sleep", "60");
            assertThat(shown.workingDir()).contains(folder);
            assertThat(shown.startedAt()).isPresent().isEqualTo(sleep.toHandle().info().startInstant());
            assertThat(shown.ancestors()).first().isEqualTo(ProcessHandle.current().pid());
        });
    }

    @Test
    void givenArgumentsThatAreEmptyOrHoldSpaces_whenInspected_thenEachArgumentIsKeptAsItWas() throws Exception {
        Process shell = start(new ProcessBuilder("sh", "-c", "sleep 60; exit 0", "lifeline-test", "", "a b", "")
                .directory(workDir.toFile()));

        assertThat(inspector.facts(shell.pid())).hasValueSatisfying(shown -> assertThat(shown.argv())
                .containsExactly("sh", "-c", "sleep 60; exit 0", "lifeline-test", "", "a b", ""));
    }

    @Test
    void givenAGrandchild_whenInspected_thenItsAncestorsAreItsParentsNearestFirstAsTheKernelRecordsThem()
            throws Exception {
        Process shell = start(new ProcessBuilder("sh", "-c", "sleep 60 & echo $!; wait"));
        long grandchild = firstLineAsPid(shell);

        List<Long> ancestors = inspector.facts(grandchild).orElseThrow().ancestors();

        assertThat(ancestors).startsWith(shell.pid(), ProcessHandle.current().pid());
        assertThat(ancestors).containsExactlyElementsOf(kernelAncestors(grandchild, ancestors.size()));
    }

    @Test
    void givenAChainDeeperThanTheLimit_whenInspected_thenOnlyTheNearestAncestorsUpToTheLimitAreShown()
            throws Exception {
        int depth = ProcProcessInspector.MAX_ANCESTORS + 4;
        // Each shell starts the next and waits for it (the trailing ':' keeps a shell from exec-ing into its child).
        Path nest = Files.writeString(workDir.resolve("nest.sh"), String.join("\n",
                "d=${NEST_DEPTH:-0}",
                "if [ \"$d\" -lt " + depth + " ]; then NEST_DEPTH=$((d + 1)) sh \"$0\"; :",
                "else sleep 60 & echo $!; wait; fi",
                ""));
        Process top = start(new ProcessBuilder("sh", nest.toString()));
        long leaf = firstLineAsPid(top);

        List<Long> ancestors = inspector.facts(leaf).orElseThrow().ancestors();

        assertThat(ancestors).hasSize(ProcProcessInspector.MAX_ANCESTORS)
                .containsExactlyElementsOf(kernelAncestors(leaf, ProcProcessInspector.MAX_ANCESTORS))
                .doesNotContain(top.pid(), ProcessHandle.current().pid());
    }

    @Test
    void givenAProcessThatHasExited_whenInspected_thenNothingIsShown() throws Exception {
        Process done = start(new ProcessBuilder("true"));
        assertThat(done.waitFor(10, TimeUnit.SECONDS)).as("`true` exited").isTrue();

        assertThat(inspector.facts(done.pid())).isEmpty();
    }

    @Test
    void givenACmdlineWithoutTheTrailingNul_whenInspected_thenTheLastArgumentIsKeptWhole() throws Exception {
        Process sleep = start(new ProcessBuilder("sleep", "60"));
        plant(sleep.pid(), "python3\0-m\0uvicorn");

        assertThat(new ProcProcessInspector(fakeProc).facts(sleep.pid())).hasValueSatisfying(shown ->
                assertThat(shown.argv()).containsExactly("python3", "-m", "uvicorn"));
    }

    @Test
    void givenACmdlineWithTheTrailingNul_whenInspected_thenNoEmptyLastArgumentIsMadeUp() throws Exception {
        Process sleep = start(new ProcessBuilder("sleep", "60"));
        plant(sleep.pid(), "python3\0app.py\0\0");

        assertThat(new ProcProcessInspector(fakeProc).facts(sleep.pid())).hasValueSatisfying(shown ->
                assertThat(shown.argv()).containsExactly("python3", "app.py", ""));
    }

    @Test
    void givenNoReadableCmdlineOrCwd_whenInspected_thenTheArgvIsWhatTheJdkShowsAndTheFolderIsUnknown()
            throws Exception {
        Process sleep = start(new ProcessBuilder("sleep", "60").directory(workDir.toFile()));
        ProcessHandle.Info info = sleep.toHandle().info();
        List<String> jdkArgv = new ArrayList<>();
        jdkArgv.add(info.command().orElseThrow());
        jdkArgv.addAll(Arrays.asList(info.arguments().orElseThrow()));

        Optional<ProcessFacts> facts = new ProcProcessInspector(fakeProc).facts(sleep.pid());

        assertThat(facts).hasValueSatisfying(shown -> {
            assertThat(shown.argv()).containsExactlyElementsOf(jdkArgv).endsWith("60");
            assertThat(shown.workingDir()).isEmpty();
            assertThat(shown.ancestors()).first().isEqualTo(ProcessHandle.current().pid());
        });
    }

    @Test
    void givenAnEmptyCmdline_whenInspected_thenTheArgvIsWhatTheJdkShowsNotOneEmptyArgument() throws Exception {
        Process sleep = start(new ProcessBuilder("sleep", "60"));
        plant(sleep.pid(), "");

        assertThat(new ProcProcessInspector(fakeProc).facts(sleep.pid())).hasValueSatisfying(shown ->
                assertThat(shown.argv()).endsWith("60").doesNotContain(""));
    }

    @Test
    void givenAPlantedCwdLink_whenInspected_thenTheFolderIsWhereTheLinkPointsUnresolved() throws Exception {
        Process sleep = start(new ProcessBuilder("sleep", "60"));
        Path pidDir = Files.createDirectories(fakeProc.resolve(Long.toString(sleep.pid())));
        Files.createSymbolicLink(pidDir.resolve("cwd"), Path.of("/srv/app"));

        assertThat(new ProcProcessInspector(fakeProc).facts(sleep.pid())).hasValueSatisfying(shown ->
                assertThat(shown.workingDir()).contains(Path.of("/srv/app")));
    }

    private Process start(ProcessBuilder builder) throws Exception {
        Process process = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        spawned.track(process.pid());
        process.getOutputStream().close();
        return process;
    }

    private void plant(long pid, String cmdline) throws Exception {
        Path pidDir = Files.createDirectories(fakeProc.resolve(Long.toString(pid)));
        Files.writeString(pidDir.resolve("cmdline"), cmdline, StandardCharsets.UTF_8);
    }

    private static long firstLineAsPid(Process process) throws Exception {
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(line).as("the pid the shell printed").isNotNull();
        return Long.parseLong(line.strip());
    }

    /** The parent chain read from {@code /proc/<pid>/stat}, the kernel's own record, not from ProcessHandle. */
    private static List<Long> kernelAncestors(long pid, int count) throws Exception {
        List<Long> chain = new ArrayList<>();
        long current = pid;
        while (chain.size() < count) {
            String stat = Files.readString(PROC.resolve(Long.toString(current)).resolve("stat"));
            // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
            String[] afterComm = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            current = Long.parseLong(afterComm[1]);
            if (current == 0) {
                break;
            }
            chain.add(current);
        }
        return chain;
    }
}
