package io.lifeline.it;

import io.lifeline.adapter.cli.command.Opened;
import io.lifeline.adapter.cli.command.StartFlow;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.adapter.cli.output.TerminalStatusPublisher;
import io.lifeline.adapter.process.PythonCommands;
import io.lifeline.bootstrap.Lifeline;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.port.in.StartBackendCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one scenario of the real start flow (real processes, the real FastAPI fixture, real HTTP) the way the CLI
 * does: the same config loader, the same terminal publisher and report, the same exit code mapping. What a user would
 * see, the test sees: events, final state, exit code, report, log file.
 */
abstract class ScenarioTestBase {

    /** Bounds hangs; these are not performance goals. */
    static final Duration DECISION_LIMIT = Duration.ofSeconds(90);
    static final Path LOG_DIR = Path.of(System.getProperty("lifeline.logDir", "target/it-work/logs"));

    protected final RecordingStatusPublisher events = new RecordingStatusPublisher();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    protected Opened<StartFlow> flow;
    protected BackendSession session;
    protected LifelineConfig config;
    protected Duration tookToDecide;

    @BeforeAll
    static void fixtureIsBuilt() {
        Fixture.requireBuilt();
    }

    private TerminalStatusPublisher terminal;

    @BeforeEach
    void noProcessLeftBefore() {
        assertThat(ProcessHygiene.livingDescendants()).as("processes left by an earlier test").isEmpty();
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            if (session != null) {
                session.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            ProcessHygiene.assertNoProcessLeft();
        } finally {
            ProcessHygiene.killLeftovers();
            if (flow != null) {
                flow.close();
            }
            if (terminal != null) {
                terminal.close();
            }
        }
    }

    /** Test settings: short timeouts, an ephemeral port, the bundled fixture; {@code flags} override them. */
    protected Map<Setting<?>, String> testFlags() {
        Map<Setting<?>, String> flags = new LinkedHashMap<>();
        flags.put(Settings.PORT, Integer.toString(Fixture.freePort()));
        flags.put(Settings.RETRY_DELAY, "200ms");
        flags.put(Settings.STARTUP_TIMEOUT, "20s");
        flags.put(Settings.HEALTH_TIMEOUT, "1s");
        flags.put(Settings.LOG_DIR, LOG_DIR.toString());
        return flags;
    }

    /** Starts the fixture in {@code scenario} and waits until the start is decided (connected, failed, stopped). */
    protected StatusEvent start(String scenario, Map<String, String> env, Map<Setting<?>, String> flags)
            throws Exception {
        Map<Setting<?>, String> all = testFlags();
        all.putAll(flags);
        ConfigLoader loader = new ConfigLoader(Fixture.WORK, Map.of(), Fixture.DIR.getParent(),
                Fixture.WORK.resolve("home"));
        config = loader.load(Optional.empty(), all);
        terminal = new TerminalStatusPublisher(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), config,
                PythonCommands.profileFor(config.backend().command()));
        Map<String, String> backendEnv = new HashMap<>(env);
        backendEnv.put("FIXTURE_SCENARIO", scenario);
        backendEnv.put("BACKEND_LOG_FILE", Fixture.WORK.resolve("backend.log").toString());
        StartBackendCommand command = config.command()
                .withBackend(config.command().backend().withEnvironment(backendEnv));
        // As the CLI does: the flow is opened for the loaded configuration.
        flow = Lifeline.open(config, event -> {
            events.publish(event);
            terminal.publish(event);
        });
        Instant begin = Instant.now();
        session = flow.useCase().startBackend().start(command);
        StatusEvent decided = session.started().toCompletableFuture().get(DECISION_LIMIT.toSeconds(), TimeUnit.SECONDS);
        tookToDecide = Duration.between(begin, Instant.now());
        return decided;
    }

    protected StatusEvent start(String scenario, Map<Setting<?>, String> flags) throws Exception {
        return start(scenario, Map.of(), flags);
    }

    /** The exit code the CLI gives for this decision. */
    protected static ExitCode exitCodeOf(StatusEvent decided) {
        assertThat(decided).isInstanceOf(StatusEvent.Failed.class);
        return ExitCode.of(((StatusEvent.Failed) decided).cause().failureClass());
    }

    protected String terminalOutput() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    /** The failure report, as the CLI prints it on stderr. */
    protected String report() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    /** This run's lines in lifeline.log (every line carries the correlation id). */
    protected String logOfThisRun() throws IOException {
        String id = session.correlationId().value();
        return String.join("\n", Files.readAllLines(config.logFile()).stream()
                .filter(line -> line.contains("[" + id + "]")).toList());
    }

    /** The backend's last words reach the user twice: in the report and in the log file. */
    protected void assertLastOutputInReportAndLog(StatusEvent.Failed failed) throws IOException {
        assertThat(failed.lastOutput()).as("the backend's last output").isNotEmpty();
        String last = failed.lastOutput().get(failed.lastOutput().size() - 1);
        assertThat(report()).contains("Last backend output:").contains("    | " + last);
        assertThat(logOfThisRun()).contains(last);
    }

    protected int port() {
        return config.endpoint().port();
    }
}
