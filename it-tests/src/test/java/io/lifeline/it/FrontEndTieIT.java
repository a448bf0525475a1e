package io.lifeline.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lifeline tied to the front end that started it, as an Electron main process starts it: a parent spawns
 * {@code lifeline start --json} with pipes, reads {@code connected}, then dies by SIGKILL.
 */
class FrontEndTieIT {

    /** The connected event as JSON ({@code --json}) or as text. */
    private static final Pattern CONNECTED = Pattern.compile(
            "\"status\":\"connected\",\"port\":\\d+,\"pid\":(\\d+)|connected on 127\\.0\\.0\\.1:\\d+ \\(pid (\\d+)");
    private static final Pattern LIFELINE_PID = Pattern.compile("^lifeline-pid (\\d+)$");

    private final List<Long> started = new ArrayList<>();
    private Process frontEnd;

    @AfterEach
    void cleanUp() throws Exception {
        if (frontEnd != null) {
            frontEnd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        await().atMost(Duration.ofSeconds(10)).until(() -> started.stream().noneMatch(ProcessHygiene::isRunning));
        ProcessHygiene.killLeftovers();
    }

    @Test
    void frontEndKilled_takesLifelineAndItsBackendWithIt() throws Exception {
        long[] pids = startFromAFrontEnd(false, "--json");

        Instant killed = Instant.now();
        frontEnd.destroyForcibly();
        awaitGone(pids, "Lifeline and its backend follow the front end");
        Duration gone = Duration.between(killed, Instant.now());
        System.out.println("front end killed: Lifeline and backend gone after " + gone.toMillis() + " ms");
        assertThat(gone).as("the issue's bound").isLessThan(Duration.ofSeconds(2));
    }

    /** Without --json a pipe on stdin is not watched: only the parent's death stops Lifeline. */
    @Test
    void withoutJson_aClosedStdinDoesNotStopIt_butTheParentsDeathDoes() throws Exception {
        long[] pids = startFromAFrontEnd(true);
        Thread.sleep(1_000);
        assertThat(ProcessHygiene.isRunning(pids[0])).as("a closed stdin alone does not stop it").isTrue();
        assertThat(ProcessHygiene.isRunning(pids[1])).isTrue();

        frontEnd.destroyForcibly();

        awaitGone(pids, "the parent's death alone stops them");
    }

    /**
     * A Python front end spawns {@code lifeline start} with pipes (closing the one on its stdin at once when asked),
     * prints Lifeline's pid and its output until connected, then sleeps.
     *
     * @return Lifeline's pid and the backend's
     */
    private long[] startFromAFrontEnd(boolean closeStdin, String... flags) throws Exception {
        Fixture.requireBuilt();
        int port = Fixture.freePort();
        Path frontEndScript = Files.createDirectories(Fixture.WORK).resolve("front-end.py");
        Files.writeString(frontEndScript, String.join("\n",
                "import subprocess, sys, time",
                "close_stdin = sys.argv[1] == 'close'",
                "child = subprocess.Popen(sys.argv[2:], stdin=subprocess.PIPE, stdout=subprocess.PIPE,",
                "                         stderr=subprocess.DEVNULL, text=True)",
                "if close_stdin:",
                "    child.stdin.close()",
                "print('lifeline-pid %d' % child.pid, flush=True)",
                "for line in child.stdout:",
                "    print(line, end='', flush=True)",
                "    if 'connected' in line:",
                "        break",
                "time.sleep(3600)",
                ""));
        List<String> command = new ArrayList<>(List.of(Fixture.PYTHON.toString(), frontEndScript.toString(),
                closeStdin ? "close" : "keep", ProcessHandle.current().info().command().orElse("java"),
                "-Dlifeline.home=" + Fixture.DIR.getParent(), "-jar", Fixture.JAR.toString(), "start"));
        command.addAll(List.of(flags));
        command.addAll(List.of("--port", Integer.toString(port), "--log-dir", LifelineCli.LOG_DIR.toString(),
                "--run-dir", LifelineCli.RUN_DIR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Fixture.WORK.toFile())
                .redirectErrorStream(true);
        builder.environment().put("BACKEND_LOG_FILE", Fixture.WORK.resolve("backend.log").toString());
        frontEnd = builder.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(frontEnd.getInputStream(),
                StandardCharsets.UTF_8));
        long lifeline = -1;
        long backend = -1;
        while (backend < 0) {
            String line = CompletableFuture.supplyAsync(() -> readLine(lines)).get(60, TimeUnit.SECONDS);
            assertThat(line).as("the front end's output ended before connected").isNotNull();
            Matcher pid = LIFELINE_PID.matcher(line);
            Matcher connected = CONNECTED.matcher(line);
            if (pid.find()) {
                lifeline = Long.parseLong(pid.group(1));
                started.add(lifeline);
            } else if (connected.find()) {
                backend = Long.parseLong(connected.group(1) != null ? connected.group(1) : connected.group(2));
                started.add(backend);
            }
        }
        assertThat(lifeline).isPositive();
        assertThat(ProcessHygiene.isRunning(backend)).isTrue();
        return new long[] {lifeline, backend};
    }

    /** A zombie runs no code and holds no port: its reaping by the new parent is not Lifeline's time. */
    private static void awaitGone(long[] pids, String what) {
        await(what).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> !ProcessHygiene.isRunning(pids[0]) && !ProcessHygiene.isRunning(pids[1]));
    }

    private static String readLine(BufferedReader lines) {
        try {
            return lines.readLine();
        } catch (java.io.IOException broken) {
            return null;
        }
    }
}
