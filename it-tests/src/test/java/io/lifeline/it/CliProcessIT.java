package io.lifeline.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The real {@code lifeline} command as a user runs it: a separate JVM, signals, exit codes, terminal output. */
class CliProcessIT extends CliTestBase {

    static final Pattern CONNECTED =
            Pattern.compile("\\[(backend-startup-\\d+)] connected on 127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+), attempt 1, ");


    @Test
    void givenHealthyFixture_whenSigtermAfterConnected_thenBackendTreeGoneAndExitZero() throws Exception {
        int port = Fixture.freePort();
        lifeline = LifelineCli.run(Map.of("FIXTURE_SCENARIO", "healthy"), "start", "--port", Integer.toString(port));

        Matcher connected = lifeline.awaitLine(CONNECTED, Duration.ofSeconds(60));
        assertThat(connected.group(2)).isEqualTo(Integer.toString(port));
        long backendPid = Long.parseLong(connected.group(3));
        assertThat(ProcessHygiene.isAlive(backendPid)).isTrue();

        lifeline.sigterm();

        assertThat(lifeline.exitCode(Duration.ofSeconds(30))).isZero();
        assertThat(ProcessHygiene.isAlive(backendPid)).isFalse();
        assertThat(lifeline.stdout).anyMatch(line -> line.endsWith("stopped: backend stopped"));
        assertThat(lifeline.stderr).isEmpty();
    }

    @Test
    void givenCrashingFixture_whenStarting_thenReportWithExitCodeAndStderrLineAndExitCode15() throws Exception {
        Instant begin = Instant.now();
        lifeline = LifelineCli.run(Map.of("FIXTURE_SCENARIO", "crash"), "start", "--port",
                Integer.toString(Fixture.freePort()), "--retry-delay", "200ms");

        assertThat(lifeline.exitCode(Duration.ofSeconds(60))).isEqualTo(15);

        assertThat(Duration.between(begin, Instant.now())).isLessThan(Duration.ofSeconds(30));
        String report = String.join("\n", lifeline.stderr);
        assertThat(report)
                .contains("Backend startup failed")
                .contains("Cause:    Backend exited during startup with code 3")
                .contains("Attempts: 3 of 3")
                .contains("Exit code: 3")
                .contains("| fixture: simulated startup crash (scenario=crash)")
                .contains("1. Python 3.10 or newer is installed")
                .containsPattern("Correlation id: backend-startup-\\d+")
                .contains("  Log file: " + LifelineCli.LOG_DIR.resolve("lifeline.log"));
        assertThat(lifeline.stdout).filteredOn(line -> line.contains("retrying in")).hasSize(2);
        assertThat(Files.readString(LifelineCli.LOG_DIR.resolve("lifeline.log")))
                .contains("fixture: simulated startup crash (scenario=crash)");
    }

    @Test
    void givenInvalidPort_whenStarting_thenOneLineNamingKeyAndSourceAndUsageExitCode() throws Exception {
        lifeline = LifelineCli.run(Map.of(), "start", "--port", "70000");

        assertThat(lifeline.exitCode(Duration.ofSeconds(30))).isEqualTo(64);
        await().atMost(Duration.ofSeconds(5)).until(() -> !lifeline.stderr.isEmpty());
        assertThat(lifeline.stderr).containsExactly(
                "lifeline: invalid port '70000' (from flag --port): must be between 1 and 65535, or auto");
    }
}
