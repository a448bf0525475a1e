package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendScriptMissing;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.InterpreterNotFound;
import io.lifeline.domain.model.LaunchFailed;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.model.PackagesMissing;
import io.lifeline.domain.model.ProgramNotFound;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.port.out.BackendLauncher.LaunchRequest;
import io.lifeline.domain.port.out.BackendLauncher.LaunchResult;
import io.lifeline.domain.port.out.RunningBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spawns real Python processes. The scripts never bind the port they are given; they only report what they saw, or
 * wait for a file the test creates ({@code wait_for}), so nothing here depends on timing except at the process
 * boundary, where Awaitility waits.
 */
class LocalProcessLauncherTest {

    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(10);
    private static final CorrelationId CORRELATION_ID = new CorrelationId("backend-startup-123");
    private static final String WAIT_FOR = String.join("\n",
            "import os, time",
            "def wait_for(name):",
            "    deadline = time.time() + 60",
            "    while not os.path.exists(name):",
            "        if time.time() > deadline:",
            "            raise SystemExit('gave up waiting for ' + name)",
            "        time.sleep(0.01)",
            "");

    @TempDir
    Path backendDir;

    private final ExecutorService launchExecutor = Executors.newSingleThreadExecutor();
    private final LocalProcessLauncher launcher = new LocalProcessLauncher(new InterpreterFinder(), launchExecutor,
            FakePrivateFiles.trusting(), Optional.empty());
    private final SpawnedProcesses spawned = new SpawnedProcesses();
    private final Endpoint endpoint = new Endpoint("127.0.0.1", unboundPort());

    @AfterEach
    void leaveNoProcessBehind() throws Exception {
        spawned.killSurvivors();
        launchExecutor.shutdownNow();
        assertThat(launchExecutor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void givenBackendScript_whenLaunched_thenRunsItWithContractArgumentsInItsDirectoryAndLifelineEnvironment()
            throws Exception {
        BackendSpec spec = backendWithScript("""
                import os, sys
                for arg in sys.argv[1:]:
                    print('arg ' + arg)
                print('cwd ' + os.getcwd())
                for name in ['PYTHONUNBUFFERED', 'BACKEND_PORT', 'BACKEND_HOST', 'LIFELINE_RUN',
                             'LIFELINE_CORRELATION_ID', 'LIFELINE_PARENT_PID', 'PATH']:
                    print('env ' + name + '=' + os.environ.get(name, '<unset>'))
                """);

        RunningBackend backend = launched(spec);

        assertThat(exitCodeOf(backend)).isZero();
        List<String> output = backend.lastOutput();
        assertThat(valuesOf(output, "arg ")).containsExactly(
                "--port", Integer.toString(endpoint.port()), "--host", "127.0.0.1",
                "--correlation-id", "backend-startup-123");
        assertThat(Path.of(valuesOf(output, "cwd ").get(0)).toRealPath()).isEqualTo(backendDir.toRealPath());
        Map<String, String> env = valuesOf(output, "env ").stream()
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1)));
        assertThat(env)
                .containsEntry("PYTHONUNBUFFERED", "1")
                .containsEntry("BACKEND_PORT", Integer.toString(endpoint.port()))
                .containsEntry("BACKEND_HOST", "127.0.0.1")
                .containsEntry("LIFELINE_RUN", "true")
                .containsEntry("LIFELINE_CORRELATION_ID", "backend-startup-123")
                .containsEntry("LIFELINE_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        // Passed through, not replaced (a pyenv shim may prepend its own bin directory).
        assertThat(env.get("PATH")).contains(System.getenv("PATH"));
        assertThat(Path.of(backend.interpreter())).isAbsolute().endsWith(Path.of("python3"));
    }

    @Test
    void givenBackendEnvironment_whenLaunched_thenItsVariablesAreSetOnTopOfTheInheritedOnes() throws Exception {
        BackendSpec spec = backendWithScript("""
                import os
                for name in ['LIFELINE_TEST_GREETING', 'PATH']:
                    print(name + '=' + os.environ.get(name, '<unset>'))
                """).withEnvironment(Map.of("LIFELINE_TEST_GREETING", "hello backend"));

        RunningBackend backend = launched(spec);

        assertThat(exitCodeOf(backend)).isZero();
        assertThat(backend.lastOutput()).contains("LIFELINE_TEST_GREETING=hello backend");
        assertThat(valuesOf(backend.lastOutput(), "PATH=")).singleElement().asString()
                .contains(System.getenv("PATH"));
    }

    @Test
    void givenBackendEnvironmentNamingALifelineVariable_whenLaunched_thenLifelineValueWins() throws Exception {
        BackendSpec spec = backendWithScript("""
                import os
                print('BACKEND_PORT=' + os.environ['BACKEND_PORT'])
                """).withEnvironment(Map.of("BACKEND_PORT", "1"));

        RunningBackend backend = launched(spec);

        assertThat(exitCodeOf(backend)).isZero();
        assertThat(backend.lastOutput()).containsExactly("BACKEND_PORT=" + endpoint.port());
    }

    @Test
    void givenConfiguredInterpreter_whenLaunched_thenRunsOnExactlyThatInterpreter() throws Exception {
        Path python = Files.createSymbolicLink(backendDir.resolve("configured-python"), RealPython.executable());
        BackendSpec spec = backendWithScript("print('hello')").withInterpreter(python);

        RunningBackend backend = launched(spec);

        assertThat(exitCodeOf(backend)).isZero();
        assertThat(backend.interpreter()).isEqualTo(python.toString());
        assertThat(backend.lastOutput()).containsExactly("hello");
    }

    @Test
    void givenBackendWritesToStderrAndExitsWithThree_whenItExits_thenExitCodeIsThreeAndStderrIsInTheTail()
            throws Exception {
        BackendSpec spec = backendWithScript("""
                import sys
                print('starting')
                sys.stderr.write('fatal: config.yaml is broken\\n')
                sys.exit(3)
                """);

        RunningBackend backend = launched(spec);

        assertThat(exitCodeOf(backend)).isEqualTo(3);
        assertThat(backend.lastOutput()).containsExactlyInAnyOrder("starting", "fatal: config.yaml is broken");
    }

    @Test
    void givenBackendWritesMoreThanTheTailKeeps_whenItExits_thenExitCodeCompletesOnlyAfterAllOutputIsRead()
            throws Exception {
        BackendSpec spec = backendWithScript("""
                for i in range(500):
                    print('line %d' % i)
                """);

        RunningBackend backend = launched(spec);

        assertThat(exitCodeOf(backend)).isZero();
        List<String> expectedTail = IntStream.range(500 - OutputTail.DEFAULT_LINES, 500)
                .mapToObj(i -> "line " + i).toList();
        assertThat(backend.lastOutput()).containsExactlyElementsOf(expectedTail);
    }

    @Test
    void givenOutputListener_whenBackendWritesWhileRunning_thenListenerGetsEachLineAsItComes() throws Exception {
        BackendSpec spec = backendWithScript(WAIT_FOR + """
                wait_for('go')
                print('first')
                wait_for('go-on')
                print('second')
                """);
        RunningBackend backend = launched(spec);
        List<String> heard = new CopyOnWriteArrayList<>();
        backend.onOutput(heard::add);

        Files.createFile(backendDir.resolve("go"));

        await().atMost(PROCESS_TIMEOUT).untilAsserted(() -> assertThat(heard).containsExactly("first"));
        assertThat(backend.exitCode().toCompletableFuture()).isNotDone();

        Files.createFile(backendDir.resolve("go-on"));

        assertThat(exitCodeOf(backend)).isZero();
        assertThat(heard).containsExactly("first", "second");
    }

    @Test
    void givenDetachedBackendWritingCrLfLines_whenFollowingItsOutputFile_thenLinesComeWholeWithoutTheCr()
            throws Exception {
        Path outputFile = backendDir.resolve("run/backend.out");
        Files.createDirectories(outputFile.getParent());
        Files.writeString(outputFile, "from an earlier run\n");
        // 38 lines of about 1 KB: far more than one read of the file takes, so lines and a CRLF straddle reads.
        BackendSpec spec = backendWithScript("""
                import sys
                out = sys.stdout.buffer
                for i in range(38):
                    out.write(('%02d caf\\u00e9 ' % i + 'x' * 1000 + '\\r\\n').encode('utf-8'))
                out.write(b'last words without an ending\\r')
                out.flush()
                """);

        RunningBackend backend = launched(spec, new LaunchMode.Detached(outputFile));

        assertThat(exitCodeOf(backend)).isZero();
        List<String> expected = new java.util.ArrayList<>(IntStream.range(0, 38)
                .mapToObj(i -> String.format("%02d caf\u00e9 %s", i, "x".repeat(1000))).toList());
        expected.add("last words without an ending");
        assertThat(backend.lastOutput()).containsExactlyElementsOf(expected);
    }

    @Test
    void givenBackendReadingStdin_whenRunning_thenStdinIsAnOpenPipeThatDoesNotReachEndOfFile() throws Exception {
        BackendSpec spec = backendWithScript("""
                import os, stat, sys
                print('stdin is a pipe: %s' % stat.S_ISFIFO(os.fstat(0).st_mode))
                sys.stdin.read()
                print('eof')
                """);
        RunningBackend backend = launched(spec);

        await().atMost(PROCESS_TIMEOUT).until(() -> backend.lastOutput().contains("stdin is a pipe: True"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> !backend.exitCode().toCompletableFuture().isDone());

        backend.stop(Duration.ofSeconds(5)).toCompletableFuture().get(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(backend.lastOutput()).doesNotContain("eof");
    }

    @Test
    void givenBackendWithChildProcess_whenStopping_thenTerminatesTheWholeTree() throws Exception {
        BackendSpec spec = backendWithScript("""
                import subprocess, sys, time
                child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])
                print('child %d' % child.pid)
                time.sleep(60)
                """);
        RunningBackend backend = launched(spec);
        ProcessHandle parent = ProcessHandle.of(backend.pid()).orElseThrow();
        ProcessHandle child = awaitChildOf(backend);

        CompletableFuture<Void> stop = backend.stop(Duration.ofSeconds(5)).toCompletableFuture();

        // Generous: the orphaned child counts as alive until init reaps it, which can take a moment.
        stop.get(15, TimeUnit.SECONDS);
        assertThat(parent.isAlive()).as("backend %d alive", parent.pid()).isFalse();
        assertThat(child.isAlive()).as("child %d alive", child.pid()).isFalse();
        // 128 + SIGTERM: it was asked to terminate, not killed.
        assertThat(backend.exitCode().toCompletableFuture()).isCompletedWithValue(128 + 15);
    }

    @Test
    void givenStoppedBackend_whenStoppingAgain_thenReturnsTheSameCompletedStop() throws Exception {
        BackendSpec spec = backendWithScript("""
                import time
                print('ready')
                time.sleep(60)
                """);
        RunningBackend backend = launched(spec);
        await().atMost(PROCESS_TIMEOUT).until(() -> backend.lastOutput().contains("ready"));
        CompletableFuture<Void> first = backend.stop(Duration.ofSeconds(5)).toCompletableFuture();
        first.get(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        CompletableFuture<Void> second = backend.stop(Duration.ofSeconds(5)).toCompletableFuture();

        assertThat(second).isSameAs(first).isCompleted();
    }

    @Test
    void givenBackendThatIgnoresSigterm_whenStoppingWithShortGrace_thenItIsKilledAfterTheGrace() throws Exception {
        BackendSpec spec = backendWithScript("""
                import signal, time
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                print('ready')
                time.sleep(60)
                """);
        RunningBackend backend = launched(spec);
        ProcessHandle process = ProcessHandle.of(backend.pid()).orElseThrow();
        await().atMost(PROCESS_TIMEOUT).until(() -> backend.lastOutput().contains("ready"));
        long started = System.nanoTime();

        // It sleeps for 60 s: a stop that completes well before proves the kill after the grace.
        backend.stop(Duration.ofMillis(300)).toCompletableFuture().get(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(process.isAlive()).isFalse();
        assertThat(backend.exitCode().toCompletableFuture()).isCompletedWithValue(128 + 9);
    }

    @Test
    void givenBackendAlreadyExited_whenStopping_thenStopCompletesWithoutWaitingOutTheGrace() throws Exception {
        RunningBackend backend = launched(backendWithScript("print('bye')"));
        assertThat(exitCodeOf(backend)).isZero();

        CompletableFuture<Void> stop = backend.stop(Duration.ofMinutes(5)).toCompletableFuture();

        stop.get(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(backend.exitCode().toCompletableFuture()).isCompletedWithValue(0);
    }

    @Test
    void givenNoScriptInBackendDirectory_whenLaunching_thenNotLaunchedBecauseScriptIsMissing() throws Exception {
        BackendSpec spec = new BackendSpec(backendDir, PythonScript.MAIN_PY, List.of("json"), Optional.empty());

        LaunchResult result = launch(spec);

        assertThat(result).isEqualTo(new LaunchResult.NotLaunched(new BackendScriptMissing(
                backendDir.resolve("main.py").toAbsolutePath().toString())));
    }

    @Test
    void givenConfiguredInterpreterDoesNotExist_whenLaunching_thenInterpreterNotFoundNamesThePath() throws Exception {
        Path missing = backendDir.resolve("no-such-dir").resolve("python3");
        BackendSpec spec = backendWithScript("print('never runs')").withInterpreter(missing);

        LaunchResult result = launch(spec);

        StartupFailure failure = failureOf(result);
        assertThat(failure).isInstanceOf(InterpreterNotFound.class);
        assertThat(failure.details()).singleElement().asString()
                .contains(missing.toString())
                .contains("configured")
                .contains("not found or not executable");
    }

    @Test
    void givenRequiredModuleNotInstalled_whenLaunching_thenPackagesMissingWithTheInstallCommand() throws Exception {
        BackendSpec spec = new BackendSpec(backendDir, PythonScript.MAIN_PY, List.of("json", "definitely_not_a_module_xyz"),
                Optional.empty());
        writeScript("print('never runs')");

        LaunchResult result = launch(spec);

        StartupFailure failure = failureOf(result);
        assertThat(failure).isInstanceOfSatisfying(PackagesMissing.class, missing -> {
            assertThat(missing.modules()).containsExactly("definitely_not_a_module_xyz");
            assertThat(missing.installCommand())
                    .startsWith(missing.interpreter())
                    .as("no requirements.txt: the missing package by name")
                    .endsWith(" -m pip install definitely_not_a_module_xyz");
        });
    }

    @Test
    void givenInterpreterFoundOnce_whenItDisappearsBeforeTheNextLaunch_thenProgramNotFoundNamesIt()
            throws Exception {
        Path python = Files.createSymbolicLink(backendDir.resolve("configured-python"), RealPython.executable());
        BackendSpec spec = backendWithScript("print('hello')").withInterpreter(python);
        assertThat(exitCodeOf(launched(spec))).isZero();
        Files.delete(python);

        LaunchResult result = launch(spec);

        // The interpreter is discovered once per backend, so the second launch spawns it without checking again.
        StartupFailure failure = failureOf(result);
        assertThat(failure).isInstanceOfSatisfying(ProgramNotFound.class, notFound -> {
            assertThat(notFound.program()).isEqualTo(python.toString());
            assertThat(notFound.lookedHere()).contains("No such file or directory");
        });
    }

    @Test
    void givenOutputListenerThatThrows_whenBackendKeepsWriting_thenOutputIsStillReadAndBackendKeepsRunning()
            throws Exception {
        BackendSpec spec = backendWithScript(WAIT_FOR + """
                import sys
                wait_for('go')
                print('first')
                wait_for('go-on')
                for i in range(100):
                    print('more %d' % i)
                print('done')
                sys.stdin.read()
                """);
        RunningBackend backend = launched(spec);
        backend.onOutput(line -> {
            throw new IllegalStateException("faulty listener");
        });
        Files.createFile(backendDir.resolve("go"));
        await().atMost(PROCESS_TIMEOUT).until(() -> backend.lastOutput().contains("first"));

        Files.createFile(backendDir.resolve("go-on"));

        await().atMost(PROCESS_TIMEOUT)
                .failFast("backend exited", () -> backend.exitCode().toCompletableFuture().isDone())
                .untilAsserted(() -> assertThat(backend.lastOutput()).contains("done"));
    }

    private BackendSpec backendWithScript(String script) {
        writeScript(script);
        return new BackendSpec(backendDir, PythonScript.MAIN_PY, List.of("json"), Optional.empty());
    }

    private void writeScript(String script) {
        try {
            Files.writeString(backendDir.resolve("main.py"), script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LaunchResult launch(BackendSpec spec) throws Exception {
        return launch(spec, LaunchMode.ATTACHED);
    }

    private LaunchResult launch(BackendSpec spec, LaunchMode mode) throws Exception {
        LaunchResult result = launcher.launch(new LaunchRequest(spec, endpoint, CORRELATION_ID, mode))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        if (result instanceof LaunchResult.Launched launched) {
            spawned.track(launched.backend().pid());
        }
        return result;
    }

    private RunningBackend launched(BackendSpec spec) throws Exception {
        return launched(spec, LaunchMode.ATTACHED);
    }

    private RunningBackend launched(BackendSpec spec, LaunchMode mode) throws Exception {
        LaunchResult result = launch(spec, mode);
        assertThat(result).isInstanceOf(LaunchResult.Launched.class);
        return ((LaunchResult.Launched) result).backend();
    }

    private static StartupFailure failureOf(LaunchResult result) {
        assertThat(result).isInstanceOf(LaunchResult.NotLaunched.class);
        return ((LaunchResult.NotLaunched) result).failure();
    }

    private static int exitCodeOf(RunningBackend backend) throws Exception {
        return backend.exitCode().toCompletableFuture().get(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private ProcessHandle awaitChildOf(RunningBackend backend) {
        Function<RunningBackend, Optional<Long>> childPid = running -> running.lastOutput().stream()
                .filter(line -> line.startsWith("child "))
                .map(line -> Long.parseLong(line.substring("child ".length())))
                .findFirst();
        long pid = await().atMost(PROCESS_TIMEOUT).until(() -> childPid.apply(backend), Optional::isPresent)
                .orElseThrow();
        spawned.track(pid);
        return ProcessHandle.of(pid).orElseThrow();
    }

    private static List<String> valuesOf(List<String> output, String prefix) {
        return output.stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()))
                .toList();
    }

    private static int unboundPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
