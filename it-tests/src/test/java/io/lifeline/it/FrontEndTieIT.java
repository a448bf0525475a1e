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

    private static final Pattern CONNECTED = Pattern.compile("\"status\":\"connected\",\"port\":\\d+,\"pid\":(\\d+)");
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
        Fixture.requireBuilt();
        int port = Fixture.freePort();
        Path frontEndScript = Files.createDirectories(Fixture.WORK).resolve("front-end.py");
        Files.writeString(frontEndScript, String.join("\n",
                "import subprocess, sys, time",
                "child = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE,",
                "                         stderr=subprocess.DEVNULL, text=True)",
                "print('lifeline-pid %d' % child.pid, flush=True)",
                "for line in child.stdout:",
                "    print(line, end='', flush=True)",
                "    if '\"connected\"' in line:",
                "        break",
                "time.sleep(3600)",
                ""));
        List<String> command = new ArrayList<>(List.of(Fixture.PYTHON.toString(), frontEndScript.toString(),
                ProcessHandle.current().info().command().orElse("java"), "-Dlifeline.home=" + Fixture.DIR.getParent(),
                "-jar", Fixture.JAR.toString(), "start", "--json", "--port", Integer.toString(port), "--log-dir",
                LifelineCli.LOG_DIR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Fixture.WORK.toFile())
                .redirectErrorStream(true);
        builder.environment().put("BACKEND_LOG_FILE", Fixture.WORK.resolve("backend.log").toString());
        frontEnd = builder.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(frontEnd.getInputStream(),
                StandardCharsets.UTF_8));
        long lifeline = -1;
        long backend = -1;
        Instant deadline = Instant.now().plusSeconds(60);
        while (backend < 0 && Instant.now().isBefore(deadline)) {
            String line = CompletableFuture.supplyAsync(() -> readLine(lines)).get(60, TimeUnit.SECONDS);
            assertThat(line).as("the front end's output ended before connected").isNotNull();
            Matcher pid = LIFELINE_PID.matcher(line);
            Matcher connected = CONNECTED.matcher(line);
            if (pid.find()) {
                lifeline = Long.parseLong(pid.group(1));
                started.add(lifeline);
            } else if (connected.find()) {
                backend = Long.parseLong(connected.group(1));
                started.add(backend);
            }
        }
        assertThat(lifeline).isPositive();
        assertThat(backend).isPositive();
        assertThat(ProcessHygiene.isAlive(backend)).isTrue();

        Instant killed = Instant.now();
        frontEnd.destroyForcibly();
        long lifelinePid = lifeline;
        long backendPid = backend;
        await("Lifeline and its backend follow the front end").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                // A zombie runs no code and holds no port: its reaping by the new parent is not Lifeline's time.
                .until(() -> !ProcessHygiene.isRunning(lifelinePid) && !ProcessHygiene.isRunning(backendPid));
        Duration gone = Duration.between(killed, Instant.now());
        System.out.println("front end killed: Lifeline and backend gone after " + gone.toMillis() + " ms");
        assertThat(gone).as("the issue's bound").isLessThan(Duration.ofSeconds(2));
    }

    /** Without --json a pipe on stdin is not watched: only the parent's death stops Lifeline. */
    @Test
    void withoutJson_aClosedStdinDoesNotStopIt_butTheParentsDeathDoes() throws Exception {
        Fixture.requireBuilt();
        int port = Fixture.freePort();
        Path frontEndScript = Files.createDirectories(Fixture.WORK).resolve("front-end-text.py");
        Files.writeString(frontEndScript, String.join("\n",
                "import subprocess, sys, time",
                "child = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE,",
                "                         stderr=subprocess.DEVNULL, text=True)",
                "child.stdin.close()",
                "print('lifeline-pid %d' % child.pid, flush=True)",
                "for line in child.stdout:",
                "    print(line, end='', flush=True)",
                "    if 'connected on' in line:",
                "        break",
                "time.sleep(3600)",
                ""));
        frontEnd = new ProcessBuilder(Fixture.PYTHON.toString(), frontEndScript.toString(),
                ProcessHandle.current().info().command().orElse("java"), "-Dlifeline.home=" + Fixture.DIR.getParent(),
                "-jar", Fixture.JAR.toString(), "start", "--port", Integer.toString(port), "--log-dir",
                LifelineCli.LOG_DIR.toString()).directory(Fixture.WORK.toFile()).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(frontEnd.getInputStream(),
                StandardCharsets.UTF_8));
        long lifeline = -1;
        long backend = -1;
        Pattern connectedLine = Pattern.compile("connected on 127\\.0\\.0\\.1:\\d+ \\(pid (\\d+)");
        while (backend < 0) {
            String line = CompletableFuture.supplyAsync(() -> readLine(lines)).get(60, TimeUnit.SECONDS);
            assertThat(line).as("the front end's output ended before connected").isNotNull();
            Matcher pid = LIFELINE_PID.matcher(line);
            Matcher connected = connectedLine.matcher(line);
            if (pid.find()) {
                lifeline = Long.parseLong(pid.group(1));
                started.add(lifeline);
            } else if (connected.find()) {
                backend = Long.parseLong(connected.group(1));
                started.add(backend);
            }
        }
        Thread.sleep(1_000);
        assertThat(ProcessHygiene.isRunning(lifeline)).as("a closed stdin alone does not stop it").isTrue();
        assertThat(ProcessHygiene.isRunning(backend)).isTrue();

        frontEnd.destroyForcibly();
        long lifelinePid = lifeline;
        long backendPid = backend;
        await("the parent's death alone stops them").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !ProcessHygiene.isRunning(lifelinePid) && !ProcessHygiene.isRunning(backendPid));
    }

    private static String readLine(BufferedReader lines) {
        try {
            return lines.readLine();
        } catch (java.io.IOException broken) {
            return null;
        }
    }
}
