package io.lifeline.adapter.cli.output;

import io.lifeline.adapter.cli.testing.LifelineDirs;
import io.lifeline.adapter.process.PythonBackendProfile;
import io.lifeline.adapter.cli.testing.StartupFailures;
import io.lifeline.adapter.cli.testing.StatusEvents;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalStatusPublisherTest {

    private static final String NL = System.lineSeparator();
    private static final String PREFIX = "[backend-startup-1732334400000] ";

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private LifelineDirs dirs;
    private TerminalStatusPublisher terminal;

    @BeforeEach
    void createTerminal() {
        dirs = LifelineDirs.under(root);
        terminal = new TerminalStatusPublisher(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dirs.defaultConfig(), new PythonBackendProfile());
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void givenLaunching_whenPublished_thenAttemptAndPid() {
        terminal.publish(StatusEvents.launchingFirstOfThree());

        assertThat(stdout()).isEqualTo(PREFIX + "launching backend for 127.0.0.1:8000 (attempt 1/3, pid 4242)" + NL);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void givenConnected_whenPublished_thenEndpointPidAttemptAndSeconds() {
        terminal.publish(StatusEvents.connectedOnFirstAttemptAfter(Duration.ofMillis(520)));

        assertThat(stdout())
                .isEqualTo(PREFIX + "connected on 127.0.0.1:8000 (pid 4242, attempt 1, 0.52 s)" + NL);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void givenConnectedWithoutPid_whenPublished_thenPidUnknown() {
        terminal.publish(StatusEvents.connectedWithoutPid());

        assertThat(stdout())
                .isEqualTo(PREFIX + "connected on 127.0.0.1:8000 (pid unknown, attempt 2, 2.35 s)" + NL);
    }

    @Test
    void givenAttached_whenPublished_thenSaysItAttachedToTheRunningBackend() {
        terminal.publish(StatusEvents.attachedToRunningBackend(OptionalLong.of(4242)));

        assertThat(stdout()).isEqualTo(PREFIX
                + "connected on 127.0.0.1:8000 (attached to the backend already running, pid 4242)" + NL);
    }

    @Test
    void givenAttachedToBackendWithoutPid_whenPublished_thenPidUnknown() {
        terminal.publish(StatusEvents.attachedToRunningBackend(OptionalLong.empty()));

        assertThat(stdout()).isEqualTo(PREFIX
                + "connected on 127.0.0.1:8000 (attached to the backend already running, pid unknown)" + NL);
    }

    @Test
    void givenRetrying_whenPublished_thenDelayNextAttemptAndCause() {
        StartupFailure crash = StartupFailures.exitedWithCode(3,
                StartupFailures.tracebackEndingIn("ModuleNotFoundError: No module named 'fastapi'"));

        terminal.publish(StatusEvents.retryingSecondOfThreeIn(Duration.ofSeconds(2), crash));

        assertThat(stdout()).isEqualTo(PREFIX + "retrying in 2s (attempt 2/3): Backend exited during startup with code"
                + " 3: ModuleNotFoundError: No module named 'fastapi'" + NL);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void givenRetryingAfterFractionalDelay_whenPublished_thenDelayInShortForm() {
        terminal.publish(StatusEvents.retryingSecondOfThreeIn(Duration.ofMillis(1500),
                StartupFailures.exitedWithCode(1, List.of())));

        assertThat(stdout()).isEqualTo(PREFIX + "retrying in 1.5s (attempt 2/3): Backend exited during startup with"
                + " code 1" + NL);
    }

    @Test
    void givenDegraded_whenPublished_thenServicesAndStatuses() {
        terminal.publish(StatusEvents.degraded(Map.of("database", "degraded")));

        assertThat(stdout()).isEqualTo(PREFIX + "degraded: database: degraded" + NL);
    }

    @Test
    void givenDegradedWithSeveralServices_whenPublished_thenServicesInAlphabeticalOrder() {
        terminal.publish(StatusEvents.degraded(Map.of("websocket", "degraded", "cache", "degraded")));

        assertThat(stdout()).isEqualTo(PREFIX + "degraded: cache: degraded, websocket: degraded" + NL);
    }

    @Test
    void givenDisconnectedWithExitCode_whenPublished_thenPidCodeAndLastLine() {
        terminal.publish(StatusEvents.crashedAfterConnect(3, List.of("INFO: shutting down", "Killed")));

        assertThat(stdout()).isEqualTo(PREFIX
                + "disconnected: the backend (pid 4242) exited with code 3; last output: Killed" + NL);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void givenDisconnectedWithoutDetails_whenPublished_thenItWentAway() {
        terminal.publish(StatusEvents.wentAwayWithoutTrace());

        assertThat(stdout()).isEqualTo(PREFIX + "disconnected: the backend went away" + NL);
    }

    @Test
    void givenFailed_whenPublished_thenOneStatusLineAndTheReportOnStderr() {
        StartupFailure crash = StartupFailures.exitedWithCode(3, List.of("boom"));

        terminal.publish(StatusEvents.failed(crash, 3, List.of("starting", "boom")));

        assertThat(stdout()).isEqualTo(PREFIX + "failed after 3 attempts: Backend exited during startup with code 3:"
                + " boom" + NL);
        assertThat(stderr())
                .startsWith(NL + "Backend startup failed" + NL)
                .contains("  Attempts: 3 of 3" + NL)
                .contains("    | boom" + NL)
                .contains("python3 -m pip install -r " + dirs.bundledBackend().resolve("requirements.txt"))
                .contains("    3. Port 8000 is free (lsof -i :8000)" + NL)
                .contains("  Correlation id: backend-startup-1732334400000" + NL)
                .endsWith("  Log file: " + dirs.defaultLogDir().resolve("lifeline.log") + NL);
    }

    @Test
    void givenFailedAfterOneAttempt_whenPublished_thenSingularAttempt() {
        StatusEvent.Failed failed = StatusEvents.failed(
                StartupFailures.fastapiAndUvicornMissing(dirs.bundledBackend()), 1, List.of());

        terminal.publish(failed);

        assertThat(stdout()).isEqualTo(PREFIX + "failed after 1 attempt: Required Python packages are missing for"
                + " /usr/bin/python3: fastapi, uvicorn" + NL);
    }

    @Test
    void givenStopped_whenPublished_thenDetail() {
        terminal.publish(StatusEvents.stopped("backend (pid 4242) stopped after SIGTERM"));

        assertThat(stdout()).isEqualTo(PREFIX + "stopped: backend (pid 4242) stopped after SIGTERM" + NL);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void givenSeveralEvents_whenPublished_thenOneLineEachInOrder() {
        terminal.publish(StatusEvents.launchingFirstOfThree());
        terminal.publish(StatusEvents.connectedOnFirstAttemptAfter(Duration.ofMillis(1_000)));
        terminal.publish(StatusEvents.stopped("done"));

        assertThat(stdout().lines()).containsExactly(
                PREFIX + "launching backend for 127.0.0.1:8000 (attempt 1/3, pid 4242)",
                PREFIX + "connected on 127.0.0.1:8000 (pid 4242, attempt 1, 1.00 s)",
                PREFIX + "stopped: done");
    }
}
