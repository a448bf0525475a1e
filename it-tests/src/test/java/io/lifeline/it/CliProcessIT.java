package io.lifeline.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The real {@code lifeline} command as a user runs it: a separate JVM, signals, exit codes, terminal output. */
class CliProcessIT {

    private static final Pattern CONNECTED =
            Pattern.compile("\\[(backend-startup-\\d+)] connected on 127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+), attempt 1, ");

    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private Process lifeline;

    @BeforeAll
    static void built() {
        Fixture.requireBuilt();
        assertThat(Fixture.JAR).as("the runnable jar; build it with mvn package").exists();
    }

    @AfterEach
    void cleanUp() {
        if (lifeline != null && lifeline.isAlive()) {
            lifeline.destroyForcibly();
        }
        try {
            ProcessHygiene.assertNoProcessLeft();
        } finally {
            ProcessHygiene.killLeftovers();
        }
    }

    @Test
    void givenHealthyFixture_whenSigtermAfterConnected_thenBackendTreeGoneAndExitZero() throws Exception {
        int port = Fixture.freePort();
        lifeline = startCli(Map.of("FIXTURE_SCENARIO", "healthy"), "start", "--port", Integer.toString(port));

        await("connected line").atMost(Duration.ofSeconds(60)).until(() -> connectedLine().isPresent());
        Matcher connected = connectedLine().orElseThrow();
        assertThat(connected.group(2)).isEqualTo(Integer.toString(port));
        long backendPid = Long.parseLong(connected.group(3));
        assertThat(ProcessHygiene.isAlive(backendPid)).isTrue();

        // SIGTERM through the handle: Process.destroy() would also close our end of its output pipes.
        lifeline.toHandle().destroy();
        assertThat(lifeline.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(lifeline.exitValue()).isZero();
        assertThat(ProcessHygiene.isAlive(backendPid)).isFalse();
        await("stopped line").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(stdout).anyMatch(line -> line.endsWith("stopped: backend stopped")));
        assertThat(stderr).isEmpty();
    }

    @Test
    void givenCrashingFixture_whenStarting_thenReportWithExitCodeAndStderrLineAndExitCode15() throws Exception {
        Instant begin = Instant.now();
        lifeline = startCli(Map.of("FIXTURE_SCENARIO", "crash"), "start", "--port",
                Integer.toString(Fixture.freePort()), "--retry-delay", "200ms");

        assertThat(lifeline.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(lifeline.exitValue()).isEqualTo(15);
        assertThat(Duration.between(begin, Instant.now())).isLessThan(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(5)).until(() -> stderr.contains("  Log file: " + logFile()));
        String report = String.join("\n", stderr);
        assertThat(report)
                .contains("Backend startup failed")
                .contains("Cause:    Backend exited during startup with code 3")
                .contains("Attempts: 3 of 3")
                .contains("Exit code: 3")
                .contains("| fixture: simulated startup crash (scenario=crash)")
                .contains("1. Python 3.10 or newer is installed")
                .containsPattern("Correlation id: backend-startup-\\d+");
        assertThat(stdout).filteredOn(line -> line.contains("retrying in")).hasSize(2);
        assertThat(Files.readString(logFile())).contains("fixture: simulated startup crash (scenario=crash)");
    }

    @Test
    void givenInvalidPort_whenStarting_thenOneLineNamingKeyAndSourceAndUsageExitCode() throws Exception {
        lifeline = startCli(Map.of(), "start", "--port", "70000");

        assertThat(lifeline.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(lifeline.exitValue()).isEqualTo(64);
        await().atMost(Duration.ofSeconds(5)).until(() -> !stderr.isEmpty());
        assertThat(stderr).containsExactly(
                "lifeline: invalid port '70000' (from flag --port): must be between 1 and 65535");
    }

    private java.nio.file.Path logFile() {
        return Fixture.WORK.resolve("cli-logs").resolve("lifeline.log");
    }

    private java.util.Optional<Matcher> connectedLine() {
        synchronized (stdout) {
            return stdout.stream().map(CONNECTED::matcher).filter(Matcher::find).findFirst();
        }
    }

    private Process startCli(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(), "-Dlifeline.home=" + Fixture.DIR.getParent(), "-jar", Fixture.JAR.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--log-dir", Fixture.WORK.resolve("cli-logs").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Fixture.WORK.toFile());
        Fixture.WORK.toFile().mkdirs();
        builder.environment().putAll(env);
        builder.environment().put("BACKEND_LOG_FILE", Fixture.WORK.resolve("backend.log").toString());
        Process process = builder.start();
        collect(process.getInputStream(), stdout);
        collect(process.getErrorStream(), stderr);
        return process;
    }

    private static void collect(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                lines.add("(output unreadable: " + closed + ")");
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
