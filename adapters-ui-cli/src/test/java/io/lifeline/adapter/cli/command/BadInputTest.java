package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.config.HealthContract;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.adapter.cli.testing.LifelineDirs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input the issue lists, through the whole command line: one line that says what is wrong and
 * where it came from, the usage exit code, no stack trace, and nothing started.
 */
class BadInputTest {

    @TempDir
    Path root;

    private LifelineDirs dirs;
    private TestCommands commands;

    @BeforeEach
    void folders() {
        dirs = LifelineDirs.under(root);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --port            | 0      | invalid port '0' (from flag --port): must be between 1 and 65535, or auto
            --port            | 70000  | invalid port '70000' (from flag --port): must be between 1 and 65535, or auto
            --port            | abc    | invalid port 'abc' (from flag --port): must be a whole number between 1 and 65535, or auto
            --max-retries     | -1     | invalid maxRetries '-1' (from flag --max-retries): must be between 1 and 100
            --max-retries     | 1000   | invalid maxRetries '1000' (from flag --max-retries): must be between 1 and 100
            --max-attempts    | 0      | invalid maxAttempts '0' (from flag --max-attempts): must be between 1 and 100
            --retry-delay     | 0s     | invalid retryDelay '0s' (from flag --retry-delay): must be positive
            --startup-timeout | -5s    | invalid startupTimeout '-5s' (from flag --startup-timeout): must be positive
            --health-timeout  | soon   | invalid healthTimeout 'soon' (from flag --health-timeout): is not a duration (use e.g. 500ms, 2s, 1.5s, 2m)
            --probe-interval  | 5      | invalid probeInterval '5' (from flag --probe-interval): needs a unit, e.g. 5ms or 5s
            --stop-grace      | 48h    | invalid stopGrace '48h' (from flag --stop-grace): must be at most 24h
            --backend-dir     | /nope  | invalid backendDir '/nope' (from flag --backend-dir): folder /nope does not exist
            --health-path     | health | invalid healthPath 'health' (from flag --health-path): must be a path starting with '/', without spaces, e.g. /health
            """)
    void givenBadFlag_whenStarting_thenOneLineAndUsageExit(String flag, String value, String expected) {
        assertOneLineUsageError(run("start", flag, value), "lifeline: " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status", "wait", "stop"})
    void givenPortAutoAndNoStartThatKeptAPort_whenAskingARunningBackend_thenOneLineAskingForThePort(String command) {
        assertOneLineUsageError(run(command, "--port", "auto"), "lifeline: port auto (from flag --port) is picked when"
                + " backend starts, and no start of a config file kept the port it picked: give it with --port N,"
                + " as lifeline start printed it");
    }

    @Test
    void givenAnUnknownHealthContract_whenStarting_thenOneLineListingEveryContract() {
        String every = Arrays.stream(HealthContract.values()).map(HealthContract::label)
                .collect(Collectors.joining(", "));

        assertOneLineUsageError(run("start", "--health", "grpc"), "lifeline: invalid health 'grpc' (from flag"
                + " --health): must be one of " + every);
        assertThat(commands.stderr().strip()).endsWith(every);
    }

    @Test
    void givenRequiredServicesAsAStringInTheConfigFile_whenStarting_thenOneLineSayingItMustBeAList()
            throws IOException {
        Files.writeString(dirs.workingDirectory().resolve("lifeline.yaml"), "port: 8000\nrequiredServices: cache\n");

        assertOneLineUsageError(run("start"), "lifeline: key 'requiredServices' in lifeline.yaml:2 must be a list,"
                + " e.g. requiredServices: [cache, database] (or [] for none)");
    }

    @Test
    void givenConfigFileThatCannotBeRead_whenStarting_thenOneLineAndUsageExit() throws IOException {
        Files.createDirectories(dirs.workingDirectory().resolve("lifeline.yaml"));

        assertOneLineUsageError(run("start"), "lifeline: cannot read config file "
                + dirs.workingDirectory().resolve("lifeline.yaml") + ": ");
    }

    @Test
    void givenYamlSyntaxError_whenStarting_thenOneLineWithFileAndLine() throws IOException {
        Files.writeString(dirs.workingDirectory().resolve("lifeline.yaml"), "port: 8000\nretryDelay: 2s\nhost: [oops\n");

        assertOneLineUsageError(run("start"), "lifeline: " + dirs.workingDirectory().resolve("lifeline.yaml") + ":4: not valid YAML:");
    }

    @Test
    void givenUnknownKey_whenStarting_thenRejectedWithADidYouMean() throws IOException {
        Files.writeString(dirs.workingDirectory().resolve("lifeline.yaml"), "port: 8000\nstartupTimout: 10s\n");

        assertOneLineUsageError(run("start"),
                "lifeline: unknown key 'startupTimout' in lifeline.yaml:2 - did you mean 'startupTimeout'?");
    }

    /** The preamble every command shares: the same refusal, in one line, before anything is opened. */
    @ParameterizedTest
    @ValueSource(strings = {"start", "stop", "status", "wait"})
    void givenALogFolderOthersCanWrite_whenRunningACommand_thenOneLineAndExit28(String command) throws IOException {
        Path shared = LifelineDirs.createFolder(root.resolve("shared-logs"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        int code = run(command, "--log-dir", shared.toString());

        assertThat(code).isEqualTo(ExitCode.UNTRUSTED_STATE.code());
        assertThat(commands.stderr().lines()).singleElement().asString()
                .startsWith("lifeline: the log folder " + shared + " is not private");
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "stop", "status", "wait", "config"})
    void givenABadSettingInTheFile_whenRunningACommand_thenTheSameOneLineAndUsageExit(String command)
            throws IOException {
        Files.writeString(dirs.workingDirectory().resolve("lifeline.yaml"), "port: 0\n");

        assertOneLineUsageError(run(command), "lifeline: invalid port '0' (from lifeline.yaml:1): must be between 1"
                + " and 65535, or auto");
    }

    private int run(String... args) {
        commands = new TestCommands(dirs.loader(Map.of()));
        int code = commands.execute(args);
        assertThat(commands.opened()).as("bad input must not start anything").isZero();
        return code;
    }

    private void assertOneLineUsageError(int code, String expectedStart) {
        String stderr = commands.stderr();
        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr.lines()).singleElement().asString().startsWith(expectedStart);
        assertThat(stderr).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(commands.stdout()).isEmpty();
    }
}
