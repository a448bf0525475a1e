package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendScriptMissing;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.LaunchFailed;
import io.lifeline.domain.model.ProgramBlocked;
import io.lifeline.domain.model.ProgramNotExecutable;
import io.lifeline.domain.model.ProgramNotFound;
import io.lifeline.domain.model.Readiness;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.port.out.BackendLauncher.LaunchRequest;
import io.lifeline.domain.port.out.BackendLauncher.LaunchResult;
import io.lifeline.domain.port.out.RunningBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The backend as any command: real programs, found the way the operating system finds them, or refused precisely. */
class AnyProgramLaunchTest {

    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(10);
    private static final CorrelationId CORRELATION_ID = new CorrelationId("backend-startup-any");

    @TempDir
    Path workingDir;

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
    void givenABareProgramName_whenLaunched_thenItIsFoundOnPathAndGetsThePlaceholdersAndTheEnvironment()
            throws Exception {
        Path python = RealPython.executable();
        BackendSpec spec = command(python.getFileName().toString(), "-c",
                "import os, sys; print('args', sys.argv[1:]); print('cwd', os.getcwd());"
                        + " print('env', os.environ.get('APP_MODE'), os.environ.get('BACKEND_PORT'))",
                "--bind={host}:{port}", "{correlationId}")
                .withEnvironment(Map.of("APP_MODE", "demo", "PATH", python.getParent().toString()));

        RunningBackend backend = launched(spec);

        await().atMost(PROCESS_TIMEOUT).untilAsserted(() -> assertThat(backend.exitCode().toCompletableFuture())
                .isCompletedWithValue(0));
        String port = Integer.toString(endpoint.port());
        assertThat(backend.lastOutput()).contains("args ['--bind=127.0.0.1:" + port + "', '" + CORRELATION_ID.value()
                        + "']", "cwd " + workingDir.toRealPath(), "env demo " + port);
        assertThat(backend.interpreter()).as("the program that ran, for remedies")
                .isEqualTo(python.getParent().resolve(python.getFileName()).toString());
    }

    @Test
    void givenAProgramNotOnPath_whenLaunched_thenProgramNotFoundNamesThePathSearched() throws Exception {
        BackendSpec spec = command("no-such-backend-xyz", "--port", "{port}")
                .withEnvironment(Map.of("PATH", "/nonexistent-a:/nonexistent-b"));

        StartupFailure failure = notLaunched(spec);

        assertThat(failure).isEqualTo(new ProgramNotFound("no-such-backend-xyz", "PATH: /nonexistent-a:/nonexistent-b"));
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void givenARelativePathThatDoesNotExist_whenLaunched_thenProgramNotFoundNamesTheFileInTheWorkingDir()
            throws Exception {
        StartupFailure failure = notLaunched(command("./dist/server", "--port", "{port}"));

        assertThat(failure).isEqualTo(new ProgramNotFound("./dist/server",
                workingDir.resolve("dist/server").toString()));
    }

    @Test
    void givenAFileWithoutExecutePermission_orAFolder_whenLaunched_thenProgramNotExecutable() throws Exception {
        Path script = Files.writeString(workingDir.resolve("server.sh"), "#!/bin/sh\necho hi\n");
        Files.createDirectories(workingDir.resolve("dist"));

        assertThat(notLaunched(command("./server.sh")))
                .isEqualTo(new ProgramNotExecutable(script.toString(), "no execute permission"));
        assertThat(notLaunched(command("./dist")))
                .isEqualTo(new ProgramNotExecutable(workingDir.resolve("dist").toString(), "it is a folder"));
    }

    @Test
    void givenAScriptWhoseInterpreterIsGone_whenLaunched_thenTheMissingInterpreterIsNamed() throws Exception {
        Path script = Files.writeString(workingDir.resolve("uvicorn"), "#!/nonexistent/venv/bin/python3\nprint(1)\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();

        StartupFailure failure = notLaunched(command("./uvicorn", "main:app"));

        assertThat(failure).isEqualTo(new ProgramNotFound("/nonexistent/venv/bin/python3", "the #! line of " + script
                + "; a script's interpreter must exist, e.g. recreate a moved or deleted venv"));
    }

    @Test
    void givenTheOperatingSystemRefuses_thenPermissionDeniedIsBlocked_noSuchFileIsNotFound_restIsLaunchFailed() {
        assertThat(LocalProcessLauncher.spawnFailure("/opt/app/server", "/opt/app/server --port 1",
                "Cannot run program \"/opt/app/server\": error=13, Permission denied"))
                .isEqualTo(new ProgramBlocked("/opt/app/server", "error=13, Permission denied"));
        assertThat(LocalProcessLauncher.spawnFailure("/opt/app/server", "/opt/app/server",
                "Cannot run program \"/opt/app/server\": error=2, No such file or directory"))
                .isInstanceOf(ProgramNotFound.class);
        assertThat(LocalProcessLauncher.spawnFailure("/opt/app/server", "/opt/app/server",
                "Cannot run program \"/opt/app/server\": error=7, Argument list too long"))
                .isEqualTo(new LaunchFailed("/opt/app/server",
                        "Cannot run program \"/opt/app/server\": error=7, Argument list too long"));
    }

    @Test
    void givenAMissingWorkingDir_whenLaunched_thenLaunchFailedSaysSo() throws Exception {
        Path gone = workingDir.resolve("gone");
        BackendSpec spec = new BackendSpec(gone, List.of("server"), List.of(), Optional.empty());

        assertThat(notLaunched(spec)).isEqualTo(new LaunchFailed("server",
                "its working directory " + gone + " does not exist"));
    }

    @Test
    void givenAFoundInterpreterAndAMissingScript_thenBackendScriptMissing_butModuleRunsNeedNoScript() throws Exception {
        BackendSpec missingScript = new BackendSpec(workingDir, PythonScript.command("app.py"), List.of(),
                Optional.empty());
        BackendSpec module = new BackendSpec(workingDir, List.of(PythonCommands.INTERPRETER_PLACEHOLDER, "-m", "json.tool",
                "--help"), List.of(), Optional.of(RealPython.executable()));

        assertThat(notLaunched(missingScript))
                .isEqualTo(new BackendScriptMissing(workingDir.resolve("app.py").toAbsolutePath().toString()));
        RunningBackend backend = launched(module);
        await().atMost(PROCESS_TIMEOUT).untilAsserted(() -> assertThat(backend.exitCode().toCompletableFuture())
                .isCompletedWithValue(0));
        assertThat(backend.interpreter()).isEqualTo(RealPython.executable().toString());
    }

    private BackendSpec command(String... command) {
        return new BackendSpec(workingDir, List.of(command), List.of(), Optional.empty(), Map.of(), Readiness.PROBES);
    }

    private StartupFailure notLaunched(BackendSpec spec) throws Exception {
        LaunchResult result = launch(spec);
        assertThat(result).isInstanceOf(LaunchResult.NotLaunched.class);
        return ((LaunchResult.NotLaunched) result).failure();
    }

    private RunningBackend launched(BackendSpec spec) throws Exception {
        LaunchResult result = launch(spec);
        assertThat(result).as("launched").isInstanceOf(LaunchResult.Launched.class);
        return ((LaunchResult.Launched) result).backend();
    }

    private LaunchResult launch(BackendSpec spec) throws Exception {
        LaunchResult result = launcher.launch(new LaunchRequest(spec, endpoint, CORRELATION_ID))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        if (result instanceof LaunchResult.Launched launched) {
            spawned.track(launched.backend().pid());
        }
        return result;
    }

    private static int unboundPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
