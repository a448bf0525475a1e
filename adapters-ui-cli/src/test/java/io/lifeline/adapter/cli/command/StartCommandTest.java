package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.port.in.AppOutcome;
import io.lifeline.domain.port.in.AppSession;
import io.lifeline.adapter.cli.testing.LifelineDirs;
import io.lifeline.adapter.cli.output.ClosableStatusPublisher;
import io.lifeline.adapter.cli.output.StatusPublishers;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.port.in.HeadStart;
import io.lifeline.domain.port.out.BackendLauncher.LaunchRequest;
import io.lifeline.domain.port.out.BackendLauncher.LaunchResult;
import io.lifeline.domain.port.out.RunningBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line up to the point where a start would begin. No test here opens a start flow: a real start spawns
 * processes and belongs to the it-tests.
 */
class StartCommandTest {

    @TempDir
    Path root;

    private LifelineDirs dirs;
    private TestCommands commands;

    @BeforeEach
    void createFolders() {
        dirs = LifelineDirs.under(root);
    }

    private int execute(String... args) {
        return execute(Map.of(), args);
    }

    private int execute(Map<String, String> environment, String... args) {
        commands = new TestCommands(dirs.loader(environment));
        int code = commands.execute(args);
        assertThat(commands.opened()).as("start flows opened").isZero();
        return code;
    }

    private String stdout() {
        return commands.stdout();
    }

    private String stderr() {
        return commands.stderr();
    }

    @Test
    void givenAHeadStart_whenTheRunCannotBeBuilt_thenItsBackendIsKilledBeforeTheInternalError() {
        AtomicBoolean killed = new AtomicBoolean();
        RunningBackend launchedAhead = new StubBackend(killed);
        commands = new TestCommands(dirs.loader(Map.of()))
                .startFlowBrokenBy(new IllegalStateException("graph broken"))
                .headStartingWith((config, command) -> Optional.of(new HeadStart(
                        new LaunchRequest(command.backend(), command.endpoint(), new CorrelationId("backend-startup-9"),
                                command.launchMode()),
                        CompletableFuture.completedFuture(new LaunchResult.Launched(launchedAhead)))));

        int code = commands.execute("start", "--port", "auto", "--log-dir", root.resolve("logs").toString(),
                "--run-dir", root.resolve("run").toString());

        assertThat(code).isEqualTo(70);
        assertThat(killed).isTrue();
        assertThat(commands.stderr()).contains("internal error").contains("graph broken");
    }

    /** A backend that only records its kill. */
    private record StubBackend(AtomicBoolean killed) implements RunningBackend {
        @Override
        public long pid() {
            return 4242;
        }

        @Override
        public String interpreter() {
            return "stub";
        }

        @Override
        public CompletionStage<Integer> exitCode() {
            return new CompletableFuture<>();
        }

        @Override
        public List<String> lastOutput() {
            return List.of();
        }

        @Override
        public void onOutput(Consumer<String> listener) {
        }

        @Override
        public CompletionStage<Void> stop(Duration grace) {
            return kill();
        }

        @Override
        public CompletionStage<Void> kill() {
            killed.set(true);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void givenTheShutdownHook_whenItRuns_thenTheBackendStopsThenTheRunAndTheFrontEndsPublishersAreClosed() {
        List<String> steps = new CopyOnWriteArrayList<>();
        ClosableStatusPublisher terminal = new ClosableStatusPublisher() {
            @Override
            public void publish(StatusEvent event) {
            }

            @Override
            public void close() {
                steps.add("front end's publishers closed");
            }
        };

        StartCommand.safetyNet(stoppedBy(steps), AppConfig.single(dirs.defaultConfig()), () -> steps.add("run closed (its publishers)"),
                StatusPublishers.of(terminal)).run();

        assertThat(steps).containsExactly("backend stopped", "run closed (its publishers)",
                "front end's publishers closed");
    }

    /** An app's session whose stop is recorded and done at once. */
    private static AppSession stoppedBy(List<String> steps) {
        return new AppSession() {
            @Override
            public CorrelationId correlationId() {
                return new CorrelationId("backend-startup-1");
            }

            @Override
            public Map<BackendName, StartupState> states() {
                throw new UnsupportedOperationException("not asked by the shutdown hook");
            }

            @Override
            public CompletionStage<AppOutcome> started() {
                return new CompletableFuture<>();
            }

            @Override
            public CompletionStage<AppOutcome> finished() {
                return new CompletableFuture<>();
            }

            @Override
            public CompletionStage<Void> stop() {
                steps.add("backend stopped");
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletionStage<Void> kill() {
                throw new UnsupportedOperationException("not asked by the shutdown hook");
            }
        };
    }

    @Test
    void givenNonNumericPort_whenStarting_thenUsageExitAndOneLineNamingFlagAndValue() {
        int code = execute("start", "--port", "abc");

        assertThat(code).isEqualTo(64);
        assertThat(stderr().lines()).containsExactly(
                "lifeline: invalid port 'abc' (from flag --port): must be a whole number between 1 and 65535, or auto");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void givenInvalidPortInEnvironment_whenStarting_thenUsageExitNamingTheVariable() {
        int code = execute(Map.of("BACKEND_PORT", "70000"), "start");

        assertThat(code).isEqualTo(64);
        assertThat(stderr().lines()).containsExactly(
                "lifeline: invalid port '70000' (from env BACKEND_PORT): must be between 1 and 65535, or auto");
    }

    @Test
    void givenBrokenImplicitConfigFile_whenStarting_thenUsageExitNamingFileAndLine() {
        dirs.write("lifeline.yaml", "port: 8000\nretryDelays: 1s\n");

        int code = execute("start");

        assertThat(code).isEqualTo(64);
        assertThat(stderr().lines()).containsExactly(
                "lifeline: unknown key 'retryDelays' in lifeline.yaml:2 - did you mean 'retryDelay'?");
    }

    @Test
    void givenMissingConfigFile_whenStarting_thenUsageExit() {
        int code = execute("start", "--config", "missing.yaml");

        assertThat(code).isEqualTo(64);
        assertThat(stderr().lines()).singleElement().asString()
                .startsWith("lifeline: config file ").endsWith("missing.yaml (from flag --config) does not exist or is"
                        + " not a file");
    }

    @Test
    void givenLogDirThatIsAFile_whenStarting_thenUsageExitBeforeAnythingStarts() {
        Path file = dirs.write("not-a-folder", "x");

        int code = execute("start", "--log-dir", "not-a-folder");

        assertThat(code).isEqualTo(64);
        assertThat(stderr().lines()).singleElement().asString().startsWith("lifeline: invalid logDir '" + file + "'");
    }

    @Test
    void givenUnknownOption_whenStarting_thenUsageExitAndPointerToHelp() {
        int code = execute("start", "--bogus");

        assertThat(code).isEqualTo(64);
        assertThat(stderr().lines()).singleElement().asString()
                .contains("Unknown option")
                .contains("'--bogus'")
                .contains("lifeline start --help");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void givenFlagWithoutItsValue_whenStarting_thenUsageExitAndPointerToHelp() {
        int code = execute("start", "--port");

        assertThat(code).isEqualTo(64);
        assertThat(stderr().lines()).singleElement().asString()
                .contains("--port")
                .contains("lifeline start --help");
    }

    @Test
    void givenUnknownCommand_whenRunning_thenUsageExitAndPointerToTopLevelHelp() {
        int code = execute("stat");

        assertThat(code).isEqualTo(64);
        assertThat(stderr().lines()).singleElement().asString()
                .contains("'stat'")
                .endsWith("(see 'lifeline --help')");
    }

    @Test
    void givenStartHelp_whenRunning_thenSuccessWithOptionsAndExitCodes() {
        int code = execute("start", "--help");

        assertThat(code).isZero();
        assertThat(stdout()).startsWith("Usage: lifeline start").contains("Exit codes:");
        assertThat(stdout().lines()).contains(
                "   64  invalid flag, configuration value or configuration file",
                "   15  the backend exited during startup");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void givenStartHelp_whenRunning_thenEveryConfigFlagIsDocumented() {
        execute("start", "--help");

        assertThat(Settings.ALL.stream().flatMap(key -> key.flag().stream()))
                .allSatisfy(flag -> assertThat(stdout()).contains(flag + "="));
        assertThat(stdout()).contains("--config=FILE");
    }

    @Test
    void givenTopLevelHelp_whenRunning_thenSuccessListingStartAndExitCodes() {
        int code = execute("--help");

        assertThat(code).isZero();
        assertThat(stdout()).startsWith("Usage: lifeline").contains("  start  ").contains("Exit codes:");
    }

    @Test
    void givenNoArguments_whenRunning_thenUsageIsShown() {
        int code = execute();

        assertThat(code).isZero();
        assertThat(stdout()).startsWith("Usage: lifeline");
    }

    @Test
    void givenVersion_whenRunning_thenSuccessWithLifelineAndJavaVersions() {
        int code = execute("--version");

        assertThat(code).isZero();
        assertThat(stdout().lines()).hasSize(2).first().asString().startsWith("lifeline ");
        assertThat(stdout()).contains("Java " + System.getProperty("java.version"));
        assertThat(stderr()).isEmpty();
    }

    @Test
    void givenStartVersion_whenRunning_thenSameVersionAsTopLevel() {
        int code = execute("start", "--version");

        assertThat(code).isZero();
        assertThat(stdout()).startsWith("lifeline ");
    }
}
