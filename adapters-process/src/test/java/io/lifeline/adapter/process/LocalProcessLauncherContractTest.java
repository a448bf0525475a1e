package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.port.out.BackendLauncher.LaunchRequest;
import io.lifeline.domain.port.out.BackendLauncher;
import io.lifeline.domain.port.out.RunningBackend;
import io.lifeline.domain.port.out.contract.BackendLauncherContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The process adapter against the launcher contract, with real Python scripts. A running script says it is ready by
 * creating a file, and writes a line when the test drops a file {@code say-N} next to it, so nothing here waits on
 * timing except at the process boundary.
 */
class LocalProcessLauncherContractTest extends BackendLauncherContract {

    private static final CorrelationId CORRELATION_ID = new CorrelationId("backend-startup-contract");
    private static final String RUNS_UNTIL_STOPPED = """
            import os, signal, sys, time
            if os.environ.get('CONTRACT_IGNORE_TERM') == '1':
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
            open('ready.tmp', 'w').close()
            os.replace('ready.tmp', 'ready')
            n = 1
            parent = os.getppid()
            while True:
                # A test JVM killed mid-test (a mutation run's timeout) never stops it: leave with the parent.
                if os.getppid() != parent:
                    sys.exit(0)
                name = 'say-%d' % n
                if os.path.exists(name):
                    with open(name, encoding='utf-8') as said:
                        print(said.read(), flush=True)
                    n += 1
                else:
                    time.sleep(0.01)
            """;
    private static final String WRITES_AND_EXITS = """
            import sys
            with open('lines.txt', encoding='utf-8') as lines:
                for line in lines.read().splitlines():
                    print(line)
            sys.exit(int(open('exit-code.txt').read()))
            """;

    @TempDir
    Path backendDir;

    private final ExecutorService launchExecutor = Executors.newSingleThreadExecutor();
    private final LocalProcessLauncher launcher = new LocalProcessLauncher(new InterpreterFinder(), launchExecutor,
            FakePrivateFiles.trusting(), Optional.empty());
    private final SpawnedProcesses spawned = new SpawnedProcesses();
    private final AtomicInteger said = new AtomicInteger();

    @AfterEach
    void leaveNoProcessBehind() throws Exception {
        spawned.killSurvivors();
        launchExecutor.shutdownNow();
        assertThat(launchExecutor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Override
    protected BackendLauncher launcher() {
        return launcher;
    }

    @Override
    protected LaunchRequest backendThatWritesAndExits(List<String> lines, int exitCode) {
        write("lines.txt", String.join("\n", lines) + "\n");
        write("exit-code.txt", Integer.toString(exitCode));
        return request(WRITES_AND_EXITS, Map.of());
    }

    @Override
    protected LaunchRequest backendThatRunsUntilStopped() {
        return request(RUNS_UNTIL_STOPPED, Map.of());
    }

    @Override
    protected LaunchRequest backendThatIgnoresTerminate() {
        return request(RUNS_UNTIL_STOPPED, Map.of("CONTRACT_IGNORE_TERM", "1"));
    }

    @Override
    protected LaunchRequest backendThatCannotBeLaunched() {
        // No main.py is written.
        return new LaunchRequest(new BackendSpec(backendDir, PythonScript.MAIN_PY, List.of("json"), Optional.empty()),
                endpoint(), CORRELATION_ID);
    }

    @Override
    protected void awaitReady(RunningBackend backend) {
        spawned.track(backend.pid());
        await().atMost(COMPLETES_WITHIN)
                .failFast("backend exited", () -> backend.exitCode().toCompletableFuture().isDone())
                .until(() -> Files.exists(backendDir.resolve("ready")));
    }

    @Override
    protected void makeItWrite(RunningBackend backend, String line) {
        String name = "say-" + said.incrementAndGet();
        try {
            Path staged = Files.writeString(backendDir.resolve(name + ".tmp"), line);
            Files.move(staged, backendDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LaunchRequest request(String script, Map<String, String> environment) {
        write("main.py", script);
        BackendSpec spec = new BackendSpec(backendDir, PythonScript.MAIN_PY, List.of("json"), Optional.empty())
                .withEnvironment(environment);
        return new LaunchRequest(spec, endpoint(), CORRELATION_ID);
    }

    private void write(String name, String content) {
        try {
            Files.writeString(backendDir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Endpoint endpoint() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new Endpoint("127.0.0.1", socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
