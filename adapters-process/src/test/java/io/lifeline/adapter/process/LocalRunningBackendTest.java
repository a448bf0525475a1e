package io.lifeline.adapter.process;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lifeline.domain.model.CorrelationId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link LocalRunningBackend} around real {@code sh} processes this test starts: their output read from the pipes or,
 * as for a detached backend, followed in the file they append to; their exit; the stop of their tree. Each script
 * waits for a file the test creates ({@code go}), so the test decides when the process writes or exits.
 */
class LocalRunningBackendTest {

    private static final CorrelationId CORRELATION_ID = new CorrelationId("backend-startup-42");
    private static final long GENEROUS_SECONDS = 10;
    /** Waits for the file, a minute at most: a script must not outlive a test that was cut short. */
    private static final String WAIT_FOR_GO = waitFor("go");

    @TempDir
    Path workDir;

    private final SpawnedProcesses spawned = new SpawnedProcesses();
    /** What the adapter logs about the backend (its exit, stop, kill) and the backend's own lines. */
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // takes the MDC now, on the thread that logged
            super.append(event);
        }
    };
    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger(LocalRunningBackend.class),
            (Logger) LoggerFactory.getLogger("io.lifeline.backend"));

    @BeforeEach
    void needsPosixShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "these tests start /bin/sh, which this OS lacks");
    }

    @BeforeEach
    void captureTheLog() {
        logged.start();
        for (Logger logger : loggers) {
            logger.setLevel(Level.INFO);
            logger.setAdditive(false);
            logger.addAppender(logged);
        }
    }

    @AfterEach
    void leaveNoProcessBehind() throws Exception {
        spawned.killSurvivors();
        for (Logger logger : loggers) {
            logger.detachAppender(logged);
            logger.setAdditive(true);
            logger.setLevel(null);
        }
        logged.stop();
    }

    @Test
    void givenAPipedBackend_whenItWritesAndExits_thenItsPidInterpreterLinesAndExitCodeAreReported() throws Exception {
        Process process = start("echo out-line; echo err-line >&2; printf 'no newline at the end'; exit 7");

        LocalRunningBackend backend = new LocalRunningBackend(process, "/usr/bin/sh", CORRELATION_ID);

        assertThat(exitCodeOf(backend)).isEqualTo(7);
        assertThat(backend.pid()).isEqualTo(process.pid());
        assertThat(backend.interpreter()).isEqualTo("/usr/bin/sh");
        assertThat(backend.lastOutput())
                .containsExactlyInAnyOrder("out-line", "err-line", "no newline at the end");
        assertThat(logLines("io.lifeline.backend"))
                .containsExactlyInAnyOrder("out-line", "err-line", "no newline at the end");
        assertThat(logLines(LocalRunningBackend.class.getName()))
                .containsExactly("backend process " + process.pid() + " exited with code 7");
        assertThat(logged.list).allSatisfy(event ->
                assertThat(event.getMDCPropertyMap()).containsEntry("correlationId", CORRELATION_ID.value()));
    }

    @Test
    void givenListeners_whenOneThrows_thenTheOthersStillHearEveryLineAndTheOutputIsStillRead() throws Exception {
        Process process = start(WAIT_FOR_GO + "echo first; echo second");
        LocalRunningBackend backend = new LocalRunningBackend(process, "sh", CORRELATION_ID);
        List<String> heard = new CopyOnWriteArrayList<>();
        backend.onOutput(line -> {
            throw new IllegalStateException("a broken listener");
        });
        backend.onOutput(heard::add);

        go();

        assertThat(exitCodeOf(backend)).isZero();
        assertThat(heard).containsExactly("first", "second");
        assertThat(backend.lastOutput()).containsExactly("first", "second");
        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("output listener failed", "output listener failed");
    }

    @Test
    void givenAFollowedOutputFile_whenTheBackendAppendsAndExits_thenOnlyLinesAfterTheOffsetAreReadToTheEnd()
            throws Exception {
        Path out = workDir.resolve("backend.out");
        String earlier = "an earlier run's line\n";
        Files.writeString(out, earlier, StandardCharsets.UTF_8);
        Process process = start(WAIT_FOR_GO + "echo one >> backend.out; echo two >> backend.out; "
                + "printf 'three, unfinished' >> backend.out; exit 3");
        LocalRunningBackend backend = new LocalRunningBackend(process, "sh", CORRELATION_ID, out,
                earlier.getBytes(StandardCharsets.UTF_8).length);
        List<String> heard = new CopyOnWriteArrayList<>();
        backend.onOutput(heard::add);

        go();

        assertThat(exitCodeOf(backend)).isEqualTo(3);
        assertThat(backend.lastOutput()).containsExactly("one", "two", "three, unfinished");
        assertThat(heard).containsExactly("one", "two", "three, unfinished");
    }

    @Test
    void givenAFollowedOutputFile_whenTheBackendPausesBetweenLines_thenEachLineArrivesWhileItRuns() throws Exception {
        Path out = workDir.resolve("backend.out");
        Files.createFile(out);
        // The pause is the backend's: a follower that gave up at the first end of file would miss the second line.
        Process process = start(WAIT_FOR_GO + "echo ready >> backend.out; sleep 0.3; echo serving >> backend.out; "
                + waitFor("stop") + "exit 0");
        LocalRunningBackend backend = new LocalRunningBackend(process, "sh", CORRELATION_ID, out, 0);
        CompletableFuture<String> ready = new CompletableFuture<>();
        CompletableFuture<String> serving = new CompletableFuture<>();
        backend.onOutput(line -> (ready.isDone() ? serving : ready).complete(line));

        go();

        assertThat(ready.get(GENEROUS_SECONDS, TimeUnit.SECONDS)).isEqualTo("ready");
        assertThat(serving.get(GENEROUS_SECONDS, TimeUnit.SECONDS)).isEqualTo("serving");
        assertThat(backend.exitCode().toCompletableFuture()).isNotDone();
        Files.createFile(workDir.resolve("stop"));
        assertThat(exitCodeOf(backend)).isZero();
    }

    @Test
    void givenARunningTree_whenStoppedTwice_thenOneStopEndsTheTreeAndBothCallsShareIt() throws Exception {
        // Like a server that shuts down on SIGTERM after its workers (and reaps them: no orphan left for init).
        Process process = start("trap 'wait; exit 0' TERM; sleep 60 & echo $!; wait");
        long child = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(
                process.getInputStream(), StandardCharsets.UTF_8)).readLine().strip());
        ProcessHandle childHandle = ProcessHandle.of(child).orElseThrow();
        spawned.track(child);
        LocalRunningBackend backend = new LocalRunningBackend(process, "sh", CORRELATION_ID);

        CompletableFuture<Void> first = backend.stop(Duration.ofSeconds(60)).toCompletableFuture();
        CompletableFuture<Void> second = backend.stop(Duration.ofSeconds(60)).toCompletableFuture();

        assertThat(second).isSameAs(first);
        assertThat(logLines(LocalRunningBackend.class.getName())).filteredOn(line -> line.startsWith("stopping"))
                .containsExactly("stopping backend process tree of pid " + process.pid() + " (grace 60000 ms)");
        first.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
        assertThat(exitCodeOf(backend)).as("shut down on SIGTERM").isZero();
        assertThat(SpawnedProcesses.hasEnded(childHandle)).isTrue();
    }

    @Test
    void givenATreeThatIgnoresSigterm_whenKilled_thenItIsGoneAndTheExitCodeSaysSigkill() throws Exception {
        Process process = start("trap '' TERM; sleep 60 & echo $!; wait");
        long child = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(
                process.getInputStream(), StandardCharsets.UTF_8)).readLine().strip());
        ProcessHandle childHandle = ProcessHandle.of(child).orElseThrow();
        spawned.track(child);
        LocalRunningBackend backend = new LocalRunningBackend(process, "sh", CORRELATION_ID);

        backend.kill().toCompletableFuture().get(GENEROUS_SECONDS, TimeUnit.SECONDS);

        assertThat(logLines(LocalRunningBackend.class.getName()))
                .startsWith("killing backend process tree of pid " + process.pid());

        assertThat(exitCodeOf(backend)).isEqualTo(128 + 9);
        assertThat(SpawnedProcesses.hasEnded(childHandle)).isTrue();
    }

    private static String waitFor(String file) {
        return "i=0; while [ ! -e " + file + " ] && [ $i -lt 6000 ]; do sleep 0.01; i=$((i + 1)); done; ";
    }

    private Process start(String script) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", script).directory(workDir.toFile()).start();
        spawned.track(process.pid());
        process.getOutputStream().close();
        return process;
    }

    private void go() throws Exception {
        Files.createFile(workDir.resolve("go"));
    }

    private List<String> logLines(String loggerName) {
        return logged.list.stream().filter(event -> event.getLoggerName().equals(loggerName))
                .filter(event -> event.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static int exitCodeOf(LocalRunningBackend backend) throws Exception {
        return backend.exitCode().toCompletableFuture().get(GENEROUS_SECONDS, TimeUnit.SECONDS);
    }
}
