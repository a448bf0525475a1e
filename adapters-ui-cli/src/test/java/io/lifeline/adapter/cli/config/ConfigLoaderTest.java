package io.lifeline.adapter.cli.config;

import io.lifeline.adapter.cli.testing.LifelineDirs;
import io.lifeline.domain.model.Readiness;
import io.lifeline.domain.model.Endpoint;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

class ConfigLoaderTest {

    @TempDir
    Path root;

    private LifelineDirs dirs;

    @BeforeEach
    void createFolders() {
        dirs = LifelineDirs.under(root);
    }

    // ---- helpers ----

    private LifelineConfig load(Map<Setting<?>, String> flags) {
        return dirs.loader().load(Optional.empty(), flags);
    }

    private LifelineConfig loadWithEnv(Map<String, String> environment) {
        return dirs.loader(environment).load(Optional.empty(), Map.of());
    }

    private LifelineConfig loadFile(String relativePath) {
        return dirs.loader().load(Optional.of(Path.of(relativePath)), Map.of());
    }

    @Nested
    class HealthContracts {

        @Test
        void givenNothingSet_thenTheLifelineContractAtSlashHealthWithItsThreeServices() {
            LifelineConfig config = load(Map.of());

            assertThat(config.get(Settings.HEALTH)).isEqualTo(HealthContract.LIFELINE);
            assertThat(config.get(Settings.HEALTH_PATH)).isEqualTo("/health");
            assertThat(config.command().acceptance().requiredServices())
                    .containsExactlyInAnyOrder("cache", "websocket", "database");
        }

        @Test
        void givenAnotherContractAndNoServices_thenNoServiceIsRequired() {
            LifelineConfig config = loadYaml("health: spring\nhealthPath: /actuator/health\n");

            assertThat(config.get(Settings.HEALTH)).isEqualTo(HealthContract.SPRING);
            assertThat(config.get(Settings.HEALTH_PATH)).isEqualTo("/actuator/health");
            assertThat(config.command().acceptance().requiredServices()).isEmpty();
            assertThat(config.shown(Settings.REQUIRED_SERVICES)).isEqualTo("none");
        }

        @Test
        void givenServicesAsAListInTheFile_thenThoseAreRequired() {
            LifelineConfig config = loadYaml("health: ietf\nrequiredServices: [db, cache]\n");

            assertThat(config.command().acceptance().requiredServices()).containsExactlyInAnyOrder("db", "cache");
        }

        @Test
        void givenAnEmptyList_thenOnlyTheOverallStatusCounts() {
            assertThat(loadYaml("requiredServices: []\n").command().acceptance().requiredServices()).isEmpty();
        }

        @Test
        void givenServicesAsAFlag_thenCommaSeparatedNamesAreRequired() {
            LifelineConfig config = dirs.loader().load(Optional.empty(),
                    Map.of(Settings.REQUIRED_SERVICES, "db, cache"));

            assertThat(config.command().acceptance().requiredServices()).containsExactlyInAnyOrder("db", "cache");
        }

        @Test
        void givenServicesAsAString_thenOneLineSayingItMustBeAList() {
            assertThat(problemOf(() -> loadYaml("requiredServices: cache\n"))).isEqualTo("key 'requiredServices'"
                    + " in lifeline.yaml:1 must be a list, e.g. requiredServices: [cache, database] (or [] for none)");
        }

        @Test
        void givenServicesForAContractWithoutServices_thenOneLineNamingBoth() {
            assertThat(problemOf(() -> loadYaml("health: tcp\nrequiredServices: [db]\n"))).isEqualTo(
                    "requiredServices (from lifeline.yaml:2) needs a health contract that reports services ("
                            + HealthContract.withServices() + "), but health is tcp (from lifeline.yaml:1)");
        }

        @Test
        void givenAListForASingleValueSetting_thenStillRejected() {
            assertThat(problemOf(() -> loadYaml("port: [8000, 8001]\n")))
                    .isEqualTo("key 'port' in lifeline.yaml:1 must be a single value, not a list");
        }
    }

    @Nested
    class BackendCommand {

        @Test
        void givenNothingSet_thenTheBundledPresetRunsInBackendDir_withItsModules() {
            LifelineConfig config = load(Map.of());

            assertThat(config.backend().command()).isEqualTo(BundledBackend.COMMAND);
            assertThat(config.backend().directory()).isEqualTo(dirs.bundledBackend());
            assertThat(config.backend().requiredModules()).containsExactly("fastapi", "uvicorn");
            assertThat(config.backend().readiness()).isEqualTo(Readiness.PROBES);
            assertThat(config.shown(Settings.COMMAND))
                    .isEqualTo("{python} main.py --port {port} --host {host} --correlation-id {correlationId}");
        }

        @Test
        void givenACommandString_thenItIsSplitLikeAShellWould_andRunsInTheCurrentDirectory() {
            LifelineConfig config = loadYaml("command: uvicorn 'app.main:app' --port {port} --log-config \"my log.ini\""
                    + " --root-path=\\/api\n");

            assertThat(config.backend().command()).containsExactly("uvicorn", "app.main:app", "--port", "{port}",
                    "--log-config", "my log.ini", "--root-path=/api");
            assertThat(config.backend().directory()).isEqualTo(dirs.workingDirectory());
            assertThat(config.backend().requiredModules()).isEmpty();
            assertThat(config.get(Settings.EXPECTED_SERVICE)).as("another backend names its own service").isEmpty();
            assertThat(config.shown(Settings.COMMAND))
                    .isEqualTo("uvicorn app.main:app --port {port} --log-config 'my log.ini' --root-path=/api");
        }

        @Test
        void givenACommandList_thenEachItemIsOneWord() {
            LifelineConfig config = loadYaml("command: [node, \"dist/server.js\", \"--listen={host}:{port}\","
                    + " \"two words\"]\nworkingDir: .\n");

            assertThat(config.backend().command()).containsExactly("node", "dist/server.js", "--listen={host}:{port}",
                    "two words");
        }

        @Test
        void givenACommandFlagWithBackendDir_thenTheCommandRunsInBackendDir() {
            Path app = LifelineDirs.createFolder(dirs.workingDirectory().resolve("app"));
            LifelineConfig config = load(Map.of(Settings.COMMAND, "{python} -m app", Settings.BACKEND_DIR, "app"));

            assertThat(config.backend().command()).containsExactly("{python}", "-m", "app");
            assertThat(config.backend().directory()).isEqualTo(app);
        }

        @Test
        void givenEnv_thenTheBackendGetsIt_andSecretLookingValuesAreNeverShown() {
            LifelineConfig config = loadYaml("command: server\nenv:\n  APP_MODE: demo\n  API_TOKEN: s3cret\n"
                    + "  DB_PASSWORD: hunter2\n  WORKERS: 4\n");

            assertThat(config.backend().environment()).containsEntry("APP_MODE", "demo")
                    .containsEntry("API_TOKEN", "s3cret").containsEntry("WORKERS", "4");
            assertThat(config.shown(Settings.ENV)).isEqualTo("APP_MODE=demo, API_TOKEN=***, DB_PASSWORD=***, WORKERS=4")
                    .doesNotContain("s3cret", "hunter2");
        }

        @Test
        void givenEnvWithSecrets_whenPrinted_thenToStringMasksThemAsLifelineConfigDoes() {
            LifelineConfig config = loadYaml("command: server\nenv:\n  API_TOKEN: s3cret\n"
                    + "  DATABASE_URL: 'postgres://app:hunter2@db/app'\n");

            assertThat(config.toString()).doesNotContain("s3cret", "hunter2")
                    .contains("env=API_TOKEN=***, DATABASE_URL=postgres://app:***@db/app (lifeline.yaml:")
                    .contains("environment=[API_TOKEN, DATABASE_URL]");
            config.settings().values().forEach(resolved -> assertThat(resolved.toString())
                    .doesNotContain("s3cret", "hunter2"));
            assertThat(config.command().toString()).doesNotContain("s3cret", "hunter2");
            assertThat(new ConfigLoader.RawValue("{API_TOKEN: s3cret}", Origin.DEFAULT).toString())
                    .doesNotContain("s3cret");
        }

        @Test
        void givenAValueWithALineBreak_whenRefused_thenTheMessageIsStillOneLine() {
            Throwable flag = org.assertj.core.api.Assertions.catchThrowable(() -> load(Map.of(Settings.PORT,
                    "80\nlifeline: all good")));
            Throwable env = org.assertj.core.api.Assertions.catchThrowable(() -> loadWithEnv(Map.of("BACKEND_PORT",
                    "80\r\u001b[2Kforged")));

            assertThat(flag).isInstanceOf(ConfigException.class);
            assertThat(flag.getMessage()).doesNotContain("\n").contains("80\\nlifeline: all good");
            assertThat(env).isInstanceOf(ConfigException.class);
            assertThat(env.getMessage()).doesNotContain("\r", "\u001b").contains("\\r\\u001b[2Kforged");
        }

        @Test
        void givenAReadyLine_thenItConfirmsByProbe_andWithHealthNoneItAloneDecides() {
            LifelineConfig probed = loadYaml("readyLine: 'Uvicorn running on'\n");
            LifelineConfig lineOnly = loadYaml("command: server\nhealth: none\nreadyLine: 'Listening on \\d+'\n");

            assertThat(probed.backend().readiness().probes()).isTrue();
            assertThat(probed.backend().readiness().signalledBy("INFO: Uvicorn running on http://x")).isTrue();
            assertThat(lineOnly.backend().readiness().probes()).isFalse();
            assertThat(lineOnly.backend().readiness().signalledBy("Listening on 8080")).isTrue();
            assertThat(lineOnly.command().supervision().liveness().enabled()).as("nothing to probe").isFalse();
        }

        // ---- bad input: one line each, with where it came from ----

        @Test
        void givenAnEmptyCommand_thenOneLine() {
            assertThat(problemOf(() -> loadYaml("command: ''\n"))).isEqualTo("invalid command '' (from"
                    + " lifeline.yaml:1): must name a program, e.g. uvicorn app.main:app --port {port}");
            assertThat(problemOf(() -> loadYaml("command: []\n"))).startsWith("invalid command '[]' (from"
                    + " lifeline.yaml:1): must name a program");
        }

        @Test
        void givenAnUnknownPlaceholder_thenOneLineNamingTheKnownOnes() {
            assertThat(problemOf(() -> load(Map.of(Settings.COMMAND, "server --port {prot}"))))
                    .isEqualTo("invalid command 'server --port {prot}' (from flag --command): has an unknown"
                            + " placeholder {prot}; known: {port}, {host}, {correlationId}, and {python} as the program"
                            + " (the interpreter Lifeline finds)");
            assertThat(problemOf(() -> load(Map.of(Settings.COMMAND, "run {python}"))))
                    .contains("unknown placeholder {python}");
        }

        @Test
        void givenAnUnclosedQuote_thenOneLine() {
            assertThat(problemOf(() -> load(Map.of(Settings.COMMAND, "server --name 'my app"))))
                    .isEqualTo("invalid command 'server --name 'my app' (from flag --command): has an unclosed '"
                            + " quote (at character 15)");
        }

        @Test
        void givenARegexThatDoesNotCompile_thenOneLine() {
            assertThat(problemOf(() -> load(Map.of(Settings.READY_LINE, "Listening on (port"))))
                    .isEqualTo("invalid readyLine 'Listening on (port' (from flag --ready-line): is not a valid"
                            + " regular expression: Unclosed group at character 19");
        }

        @Test
        void givenHealthNoneWithoutAReadyLine_thenOneLineSayingWhatIsMissing() {
            assertThat(problemOf(() -> load(Map.of(Settings.HEALTH, "none")))).isEqualTo("health none (from flag"
                    + " --health) needs readyLine, the line of output that says the backend is ready, e.g."
                    + " readyLine: 'Listening on'; or use health: tcp");
        }

        @Test
        void givenPythonWithACommandThatNamesItsOwnProgram_thenOneLine() {
            assertThat(problemOf(() -> load(Map.of(Settings.COMMAND, "node server.js", Settings.PYTHON, "python3"))))
                    .isEqualTo("python (from flag --python) only applies to a command that starts with {python}, but"
                            + " command (from flag --command) runs node: put the interpreter in the command instead");
        }

        @Test
        void givenEnvAsAListOrWithANestedValue_thenOneLine() {
            assertThat(problemOf(() -> loadYaml("env: [A, B]\n")))
                    .isEqualTo("key 'env' in lifeline.yaml:1 must be a mapping, e.g. env: {APP_MODE: demo}");
            assertThat(problemOf(() -> loadYaml("env:\n  A: [1, 2]\n")))
                    .endsWith("the value of A must be a single value (quote it to be sure it stays text)");
            assertThat(problemOf(() -> loadYaml("env:\n  API_TOKEN: s3cret\n  1A: x\n")))
                    .isEqualTo("invalid env (from lifeline.yaml:1): '1A' is not a variable name (letters, digits and"
                            + " _, not starting with a digit)");
        }

        @Test
        void givenAMissingWorkingDir_thenOneLine() {
            assertThat(problemOf(() -> load(Map.of(Settings.WORKING_DIR, "nowhere")))).isEqualTo("invalid"
                    + " workingDir 'nowhere' (from flag --working-dir): folder "
                    + dirs.workingDirectory().resolve("nowhere") + " does not exist");
        }
    }

    /** Loads from an implicit {@code lifeline.yaml} with the given content. */
    private LifelineConfig loadYaml(String content) {
        dirs.write(ConfigLoader.DEFAULT_FILE_NAME, content);
        return load(Map.of());
    }

    /** The one-line message of the one {@link ConfigException} the call throws. */
    private static String problemOf(ThrowingCallable loading) {
        Throwable thrown = catchThrowable(loading);
        assertThat(thrown).isExactlyInstanceOf(ConfigException.class);
        assertThat(thrown.getMessage()).doesNotContain("\n").doesNotContain("\r");
        return thrown.getMessage();
    }

    private static Map<Setting<?>, String> allDefaultSources() {
        return Settings.ALL.stream().collect(Collectors.toMap(setting -> setting, setting -> "default"));
    }

    /** Where each value came from, as {@code lifeline config} shows it. */
    private static Map<Setting<?>, String> wheres(LifelineConfig config) {
        return config.origins().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().where()));
    }

    /** The setting declared as {@code Settings.<name>}, for tables that name settings by their constant. */
    private static Setting<?> setting(String constant) {
        try {
            return (Setting<?>) Settings.class.getField(constant).get(null);
        } catch (ReflectiveOperationException unknown) {
            throw new IllegalArgumentException("no setting " + constant, unknown);
        }
    }

    @Nested
    class Defaults {

        @Test
        void givenNothingConfigured_whenLoading_thenTheSeedDefaultsApply() {
            LifelineConfig config = dirs.defaultConfig();

            assertThat(config.endpoint()).isEqualTo(new Endpoint("127.0.0.1", 8000));
            assertThat(config.retry().maxAttempts()).isEqualTo(3);
            assertThat(config.retry().initialDelay()).isEqualTo(Duration.ofSeconds(2));
            assertThat(config.retry().maxDelay()).isEqualTo(Duration.ofSeconds(60));
            assertThat(config.retry().jitter()).isZero();
            assertThat(config.timeouts().probeTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.timeouts().startupTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.timeouts().probeInterval()).isEqualTo(Duration.ofMillis(100));
            assertThat(config.acceptance().acceptDegraded()).isFalse();
            assertThat(config.command().stopGrace()).isEqualTo(Duration.ofSeconds(5));
        }

        @Test
        void givenNothingConfigured_whenLoading_thenBackendIsTheBundledOneAndLogsGoToUserHome() {
            LifelineConfig config = dirs.defaultConfig();

            assertThat(config.backend().directory()).isEqualTo(dirs.bundledBackend());
            assertThat(config.backend().interpreter()).isEmpty();
            assertThat(config.logDir()).isEqualTo(dirs.defaultLogDir());
            assertThat(config.logFile()).isEqualTo(dirs.defaultLogDir().resolve("lifeline.log"));
        }

        @Test
        void givenNothingConfigured_whenLoading_thenEverySourceIsDefault() {
            assertThat(wheres(dirs.defaultConfig())).isEqualTo(allDefaultSources());
        }

        @Test
        void givenUnrelatedEnvironmentVariables_whenLoading_thenTheyAreIgnored() {
            LifelineConfig config = loadWithEnv(Map.of("PORT", "1", "BACKEND_DIR", "/nope", "HOST", "x y"));

            assertThat(wheres(config)).isEqualTo(allDefaultSources());
        }

        @Test
        void givenBundledBackendFolderMissing_whenLoadingDefaults_thenProblemNamesTheFolder() {
            LifelineDirs broken = LifelineDirs.withoutBundledBackend(root.resolve("broken"));

            String problem = problemOf(() -> broken.defaultConfig());

            assertThat(problem).isEqualTo("invalid backendDir '<lifeline home>/fixture-backend' (from default): the"
                    + " bundled backend folder " + broken.bundledBackend() + " does not exist (is this a complete"
                    + " checkout?); point --backend-dir at your backend");
        }
    }

    @Nested
    class Precedence {

        @ParameterizedTest(name = "file={0} env={1} flag={2} -> {3} from {4}")
        @CsvSource(delimiter = '|', textBlock = """
                     |      |      | 8000 | default
                9001 |      |      | 9001 | lifeline.yaml:2
                     | 9002 |      | 9002 | env BACKEND_PORT
                     |      | 9003 | 9003 | flag --port
                9001 | 9002 |      | 9002 | env BACKEND_PORT
                9001 |      | 9003 | 9003 | flag --port
                     | 9002 | 9003 | 9003 | flag --port
                9001 | 9002 | 9003 | 9003 | flag --port
                """)
        void givenPortInSeveralLayers_whenLoading_thenFileLosesToEnvLosesToFlag(String file, String env, String flag,
                                                                                 int expectedPort,
                                                                                 String expectedSource) {
            if (file != null) {
                dirs.write("lifeline.yaml", "# the team's settings\nport: " + file + "\n");
            }
            Map<String, String> environment = env == null ? Map.of() : Map.of("BACKEND_PORT", env);
            Map<Setting<?>, String> flags = flag == null ? Map.of() : Map.of(Settings.PORT, flag);

            LifelineConfig config = dirs.loader(environment).load(Optional.empty(), flags);

            assertThat(config.endpoint().port()).isEqualTo(expectedPort);
            assertThat(wheres(config)).containsEntry(Settings.PORT, expectedSource);
        }

        @Test
        void givenHostInEveryLayer_whenLoading_thenFlagWins() {
            dirs.write("lifeline.yaml", "host: file.example\n");
            LifelineConfig config = dirs.loader(Map.of("BACKEND_HOST", "env.example"))
                    .load(Optional.empty(), Map.of(Settings.HOST, "flag.example"));

            assertThat(config.endpoint().host()).isEqualTo("flag.example");
            assertThat(wheres(config)).containsEntry(Settings.HOST, "flag --host");
        }

        @Test
        void givenHostInFileAndEnvironment_whenLoading_thenEnvironmentWins() {
            dirs.write("lifeline.yaml", "host: file.example\n");

            LifelineConfig config = loadWithEnv(Map.of("BACKEND_HOST", "0.0.0.0"));

            assertThat(config.endpoint().host()).isEqualTo("0.0.0.0");
            assertThat(wheres(config)).containsEntry(Settings.HOST, "env BACKEND_HOST");
        }

        @Test
        void givenSomeKeysInEachLayer_whenLoading_thenEachKeyNamesItsOwnSource() {
            dirs.write("lifeline.yaml", "maxRetries: 5\nhealthTimeout: 2s\n");
            LifelineConfig config = dirs.loader(Map.of("BACKEND_PORT", "9100"))
                    .load(Optional.empty(), Map.of(Settings.RETRY_DELAY, "500ms"));

            Map<Setting<?>, String> expected = new HashMap<>(allDefaultSources());
            expected.put(Settings.MAX_RETRIES, "lifeline.yaml:1");
            expected.put(Settings.HEALTH_TIMEOUT, "lifeline.yaml:2");
            expected.put(Settings.PORT, "env BACKEND_PORT");
            expected.put(Settings.RETRY_DELAY, "flag --retry-delay");
            assertThat(wheres(config)).isEqualTo(expected);
            assertThat(config.retry().maxAttempts()).isEqualTo(5);
            assertThat(config.timeouts().probeTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(config.endpoint().port()).isEqualTo(9100);
            assertThat(config.retry().initialDelay()).isEqualTo(Duration.ofMillis(500));
        }

        @Test
        void givenInvalidFileValueOverriddenByFlag_whenLoading_thenOnlyTheWinningValueIsChecked() {
            dirs.write("lifeline.yaml", "port: abc\n");

            LifelineConfig config = load(Map.of(Settings.PORT, "9000"));

            assertThat(config.endpoint().port()).isEqualTo(9000);
        }
    }

    @Nested
    class ConfigFiles {

        @Test
        void givenMaxAttempts_whenLoading_thenItIsTheNumberOfLaunchesAndNothingIsNoted() {
            LifelineConfig config = loadYaml("maxAttempts: 4\n");

            assertThat(config.retry().maxAttempts()).isEqualTo(4);
            assertThat(config.origin(Settings.MAX_ATTEMPTS).formerName()).isFalse();
            assertThat(config.formerNameNotes()).isEmpty();
        }

        @Test
        void givenTheOldKeyMaxRetries_whenLoading_thenItStillCountsAndANoteNamesTheKeyToWrite() {
            LifelineConfig config = loadYaml("retryDelay: 1s\nmaxRetries: 4\n");

            assertThat(config.retry().maxAttempts()).isEqualTo(4);
            assertThat(config.origin(Settings.MAX_ATTEMPTS).where()).isEqualTo("lifeline.yaml:2");
            assertThat(config.formerNameNotes()).containsExactly("note: maxRetries (lifeline.yaml:2) is the old name"
                    + " of maxAttempts; it still works, but write maxAttempts");
        }

        @Test
        void givenBothTheOldAndTheNewKey_whenLoading_thenOneLineSayingWhichToKeep() {
            assertThat(problemOf(() -> loadYaml("maxAttempts: 4\nmaxRetries: 5\n"))).isEqualTo("keys maxAttempts"
                    + " (lifeline.yaml:1) and maxRetries (lifeline.yaml:2) are the same setting, maxAttempts"
                    + " (maxRetries is its old name): keep only maxAttempts");
        }

        @Test
        void givenTheOldFlag_whenLoadingFlagsByName_thenItSetsTheSettingAndANoteNamesTheFlagToGive() {
            LifelineConfig config = dirs.loader().loadGivenFlags(Optional.empty(), Map.of("--max-retries", "2"),
                    ConfigLoader.Use.LAUNCH);

            assertThat(config.retry().maxAttempts()).isEqualTo(2);
            assertThat(config.origin(Settings.MAX_ATTEMPTS).where()).isEqualTo("flag --max-retries");
            assertThat(config.formerNameNotes()).containsExactly("note: --max-retries is the old name of"
                    + " --max-attempts; it still works, but write --max-attempts");
        }

        @Test
        void givenTheOldAndTheNewFlag_whenLoadingFlagsByName_thenOneLineSayingWhichToGive() {
            Map<String, String> flags = new java.util.LinkedHashMap<>();
            flags.put("--max-attempts", "2");
            flags.put("--max-retries", "3");

            assertThat(problemOf(() -> dirs.loader().loadGivenFlags(Optional.empty(), flags,
                    ConfigLoader.Use.LAUNCH))).isEqualTo("flags --max-attempts and --max-retries both set maxAttempts"
                    + " (--max-retries is its old name): give only --max-attempts");
        }

        @Test
        void givenImplicitLifelineYaml_whenLoading_thenItIsRead() {
            LifelineConfig config = loadYaml("""
                    host: 0.0.0.0
                    port: 9000
                    maxRetries: 1
                    retryDelay: 1s
                    retryMaxDelay: 10s
                    retryJitter: 0.2
                    startupTimeout: 1m
                    healthTimeout: 2s
                    probeInterval: 250ms
                    acceptDegraded: true
                    stopGrace: 3s
                    """);

            assertThat(config.endpoint()).isEqualTo(new Endpoint("0.0.0.0", 9000));
            assertThat(config.retry().maxAttempts()).isEqualTo(1);
            assertThat(config.retry().initialDelay()).isEqualTo(Duration.ofSeconds(1));
            assertThat(config.retry().maxDelay()).isEqualTo(Duration.ofSeconds(10));
            assertThat(config.retry().jitter()).isEqualTo(0.2);
            assertThat(config.timeouts().startupTimeout()).isEqualTo(Duration.ofMinutes(1));
            assertThat(config.timeouts().probeTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(config.timeouts().probeInterval()).isEqualTo(Duration.ofMillis(250));
            assertThat(config.acceptance().acceptDegraded()).isTrue();
            assertThat(config.command().stopGrace()).isEqualTo(Duration.ofSeconds(3));
            assertThat(wheres(config))
                    .containsEntry(Settings.HOST, "lifeline.yaml:1")
                    .containsEntry(Settings.STOP_GRACE, "lifeline.yaml:11");
        }

        @Test
        void givenExplicitConfig_whenLoading_thenItWinsOverTheImplicitOne() {
            dirs.write("lifeline.yaml", "port: 9000\n");
            dirs.write("conf/other.yaml", "port: 9001\n");

            LifelineConfig config = loadFile("conf/other.yaml");

            assertThat(config.endpoint().port()).isEqualTo(9001);
            assertThat(wheres(config)).containsEntry(Settings.PORT, "other.yaml:1");
        }

        @Test
        void givenExplicitConfig_whenLoading_thenABrokenImplicitFileIsNotEvenRead() {
            dirs.write("lifeline.yaml", "port: [broken\n");
            dirs.write("other.yaml", "port: 9001\n");

            assertThat(loadFile("other.yaml").endpoint().port()).isEqualTo(9001);
        }

        @Test
        void givenAbsoluteExplicitConfig_whenLoading_thenItIsUsedAsGiven() throws Exception {
            Path elsewhere = LifelineDirs.createFolder(root.resolve("elsewhere")).resolve("settings.yaml");
            Files.writeString(elsewhere, "port: 9005\n");
            dirs.write("lifeline.yaml", "port: 9000\n");

            LifelineConfig config = dirs.loader().load(Optional.of(elsewhere), Map.of());

            assertThat(config.endpoint().port()).isEqualTo(9005);
            assertThat(wheres(config)).containsEntry(Settings.PORT, "settings.yaml:1");
        }

        @Test
        void givenJsonConfig_whenLoading_thenItIsReadAsJson() {
            dirs.write("lifeline.json", """
                    {
                      "port": 9002,
                      "acceptDegraded": true,
                      "retryJitter": 0.25,
                      "retryDelay": "1.5s"
                    }
                    """);

            LifelineConfig config = loadFile("lifeline.json");

            assertThat(config.endpoint().port()).isEqualTo(9002);
            assertThat(config.acceptance().acceptDegraded()).isTrue();
            assertThat(config.retry().jitter()).isEqualTo(0.25);
            assertThat(config.retry().initialDelay()).isEqualTo(Duration.ofMillis(1500));
            assertThat(wheres(config))
                    .containsEntry(Settings.PORT, "lifeline.json:2")
                    .containsEntry(Settings.RETRY_DELAY, "lifeline.json:5");
        }

        @Test
        void givenEmptyFile_whenLoading_thenDefaultsApply() {
            LifelineConfig config = loadYaml("");

            assertThat(config.endpoint()).isEqualTo(Endpoint.DEFAULT);
            assertThat(wheres(config)).isEqualTo(allDefaultSources());
        }

        @Test
        void givenFileWithOnlyComments_whenLoading_thenDefaultsApply() {
            assertThat(wheres(loadYaml("# nothing set yet\n"))).isEqualTo(allDefaultSources());
        }

        @ParameterizedTest(name = "acceptDegraded: {0} -> {1}")
        @CsvSource({"true, true", "yes, true", "on, true", "TRUE, true", "false, false", "no, false", "off, false"})
        void givenBooleanSpellings_whenLoading_thenAcceptDegradedFollows(String text, boolean expected) {
            assertThat(loadYaml("acceptDegraded: " + text + "\n").acceptance().acceptDegraded()).isEqualTo(expected);
        }

        @Test
        void givenRetryDelayAboveTheDefaultCap_whenLoading_thenTheCapFollows() {
            LifelineConfig config = load(Map.of(Settings.RETRY_DELAY, "2m"));

            assertThat(config.retry().initialDelay()).isEqualTo(Duration.ofMinutes(2));
            assertThat(config.retry().maxDelay()).isEqualTo(Duration.ofMinutes(2));
        }
    }

    @Nested
    class InvalidValues {

        @Test
        void givenNonNumericPortFlag_whenLoading_thenExactProblem() {
            assertThat(problemOf(() -> load(Map.of(Settings.PORT, "abc"))))
                    .isEqualTo("invalid port 'abc' (from flag --port): must be a whole number between 1 and 65535, or auto");
        }

        @Test
        void givenPortZeroFlag_whenLoading_thenExactProblem() {
            assertThat(problemOf(() -> load(Map.of(Settings.PORT, "0"))))
                    .isEqualTo("invalid port '0' (from flag --port): must be between 1 and 65535, or auto");
        }

        @Test
        void givenPortOutOfRangeInEnvironment_whenLoading_thenExactProblem() {
            assertThat(problemOf(() -> loadWithEnv(Map.of("BACKEND_PORT", "70000"))))
                    .isEqualTo("invalid port '70000' (from env BACKEND_PORT): must be between 1 and 65535, or auto");
        }

        @Test
        void givenNonNumericPortInEnvironment_whenLoading_thenExactProblem() {
            assertThat(problemOf(() -> loadWithEnv(Map.of("BACKEND_PORT", "abc"))))
                    .isEqualTo("invalid port 'abc' (from env BACKEND_PORT): must be a whole number between 1 and 65535, or auto");
        }

        @Test
        void givenNonNumericPortInFile_whenLoading_thenExactProblemWithFileAndLine() {
            assertThat(problemOf(() -> loadYaml("host: localhost\nport: abc\n")))
                    .isEqualTo("invalid port 'abc' (from lifeline.yaml:2): must be a whole number between 1 and 65535, or auto");
        }

        @Test
        void givenHostWithSpaceInEnvironment_whenLoading_thenExactProblem() {
            assertThat(problemOf(() -> loadWithEnv(Map.of("BACKEND_HOST", "my host"))))
                    .isEqualTo("invalid host 'my host' (from env BACKEND_HOST): must be a host name or IP address"
                            + " without spaces");
        }

        @Test
        void givenMissingBackendDirFlag_whenLoading_thenExactProblem() {
            assertThat(problemOf(() -> load(Map.of(Settings.BACKEND_DIR, "/nope"))))
                    .isEqualTo("invalid backendDir '/nope' (from flag --backend-dir): folder /nope does not exist");
        }

        @ParameterizedTest(name = "{0} {1} -> {2}")
        @CsvSource(delimiter = '|', textBlock = """
                PORT            | 0      | must be between 1 and 65535, or auto
                PORT            | 70000  | must be between 1 and 65535, or auto
                PORT            | -1     | must be between 1 and 65535, or auto
                PORT            | 80.5   | must be a whole number between 1 and 65535, or auto
                PORT            | ''     | must be a whole number between 1 and 65535, or auto
                HOST            | ''     | must be a host name or IP address without spaces
                HOST            | a b    | must be a host name or IP address without spaces
                MAX_RETRIES     | 0      | must be between 1 and 100
                MAX_RETRIES     | -1     | must be between 1 and 100
                MAX_RETRIES     | 101    | must be between 1 and 100
                MAX_RETRIES     | lots   | must be a whole number between 1 and 100
                RETRY_DELAY     | 0s     | must be positive
                RETRY_DELAY     | -1s    | must be positive
                RETRY_DELAY     | 0      | must be positive (e.g. 500ms or 2s)
                RETRY_DELAY     | abc    | is not a duration (use e.g. 500ms, 2s, 1.5s, 2m)
                STARTUP_TIMEOUT | 5      | needs a unit, e.g. 5ms or 5s
                STARTUP_TIMEOUT | 25h    | must be at most 24h
                HEALTH_TIMEOUT  | 0s     | must be positive
                PROBE_INTERVAL  | 0.5ms  | must be at least 1ms
                STOP_GRACE      | forever| is not a duration (use e.g. 500ms, 2s, 1.5s, 2m)
                """)
        void givenInvalidFlag_whenLoading_thenOneProblemNamingKeyValueAndFlag(String constant, String value,
                                                                              String reason) {
            Setting<?> key = setting(constant);
            String problem = problemOf(() -> load(Map.of(key, value)));

            assertThat(problem).isEqualTo("invalid " + key.key() + " '" + value + "' (from flag "
                    + key.flag().orElseThrow() + "): " + reason);
        }

        @ParameterizedTest(name = "{0}: {1} -> {2}")
        @CsvSource(delimiter = '|', textBlock = """
                retryJitter     | 1.5    | must be between 0 and 1
                retryJitter     | -0.1   | must be between 0 and 1
                retryJitter     | lots   | must be a number between 0 and 1
                acceptDegraded  | maybe  | must be true or false
                retryMaxDelay   | 0s     | must be positive
                maxRetries      | lots   | must be a whole number between 1 and 100
                stopGrace       | 5      | needs a unit, e.g. 5ms or 5s
                """)
        void givenInvalidFileValue_whenLoading_thenOneProblemNamingKeyValueAndLine(String key, String value,
                                                                                   String reason) {
            String problem = problemOf(() -> loadYaml("# settings\n" + key + ": " + value + "\n"));

            assertThat(problem).isEqualTo("invalid " + key + " '" + value + "' (from lifeline.yaml:2): " + reason);
        }

        @Test
        void givenJitterAboveOne_whenLoading_thenExactProblem() {
            assertThat(problemOf(() -> loadYaml("retryJitter: 1.5\n")))
                    .isEqualTo("invalid retryJitter '1.5' (from lifeline.yaml:1): must be between 0 and 1");
        }

        @Test
        void givenAcceptDegradedMaybe_whenLoading_thenExactProblem() {
            assertThat(problemOf(() -> loadYaml("acceptDegraded: maybe\n")))
                    .isEqualTo("invalid acceptDegraded 'maybe' (from lifeline.yaml:1): must be true or false");
        }

        @ParameterizedTest(name = "retryDelay {0} is {1} ms")
        @CsvSource({"1.5s, 1500", "500ms, 500", "2m, 120000"})
        void givenValidDurationFlag_whenLoading_thenParsedExactly(String text, long millis) {
            assertThat(load(Map.of(Settings.RETRY_DELAY, text)).retry().initialDelay())
                    .isEqualTo(Duration.ofMillis(millis));
        }

        @Test
        void givenProbeIntervalLongerThanStartupTimeout_whenLoading_thenInconsistencyIsReported() {
            String problem = problemOf(() -> load(Map.of(Settings.PROBE_INTERVAL, "2s",
                    Settings.STARTUP_TIMEOUT, "1s")));

            assertThat(problem).isEqualTo("probeInterval 2s (from flag --probe-interval) must not be longer than"
                    + " startupTimeout 1s (from flag --startup-timeout)");
        }

        @Test
        void givenRetryMaxDelaySetBelowRetryDelay_whenLoading_thenInconsistencyIsReported() {
            String problem = problemOf(() -> loadYaml("retryMaxDelay: 1s\n"));

            assertThat(problem).isEqualTo("retryDelay 2s (from default) must not be longer than retryMaxDelay 1s"
                    + " (from lifeline.yaml:1)");
        }

        @Test
        void givenSeveralInvalidValues_whenLoading_thenOnlyTheFirstIsReported() {
            String problem = problemOf(() -> load(Map.of(Settings.PORT, "abc", Settings.MAX_RETRIES, "0")));

            assertThat(problem).startsWith("invalid port 'abc'");
        }
    }

    @Nested
    class FileProblems {

        @Test
        void givenMissingExplicitConfig_whenLoading_thenExactProblem() {
            assertThat(problemOf(() -> loadFile("missing.yaml")))
                    .isEqualTo("config file " + dirs.workingDirectory().resolve("missing.yaml")
                            + " (from flag --config) does not exist or is not a file");
        }

        @Test
        void givenExplicitConfigIsAFolder_whenLoading_thenProblemSaysItIsNotAFile() {
            LifelineDirs.createFolder(dirs.workingDirectory().resolve("conf"));

            assertThat(problemOf(() -> loadFile("conf"))).contains("does not exist or is not a file");
        }

        @Test
        void givenUnreadableConfig_whenLoading_thenProblemNamesTheFile() throws Exception {
            Path file = dirs.write("lifeline.yaml", "port: 9000\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
            assumeThat(Files.isReadable(file)).as("running as root: permissions do not stop reading").isFalse();

            assertThat(problemOf(() -> load(Map.of()))).startsWith("cannot read config file " + file);
        }

        @Test
        void givenUnclosedListOnLine3_whenLoading_thenProblemNamesWhereItWasFoundAndWhereTheListStarted() {
            Path file = dirs.write("lifeline.yaml", "host: 127.0.0.1\nretryDelay: 2s\nport: [8000\n");

            assertThat(problemOf(() -> load(Map.of()))).isEqualTo(file + ":4: not valid YAML: expected ',' or ']',"
                    + " but got <stream end> (while parsing a flow sequence started on line 3)");
        }

        @Test
        void givenTabIndentationOnLine2_whenLoading_thenProblemNamesLine2AndTheTab() {
            Path file = dirs.write("lifeline.yaml", "port: 8000\n\tstopGrace: 1s\n");

            assertThat(problemOf(() -> load(Map.of()))).startsWith(file + ":2: not valid YAML: ").contains("TAB");
        }

        @Test
        void givenJsonSyntaxError_whenLoading_thenProblemNamesFileAndLine() {
            Path file = dirs.write("broken.json", "{\"port\": 9002,\n \"host\": }\n");

            assertThat(problemOf(() -> loadFile("broken.json"))).startsWith(file + ":2: not valid JSON: ");
        }

        @Test
        void givenUnknownKeyCloseToAKnownOne_whenLoading_thenSuggestsIt() {
            assertThat(problemOf(() -> loadYaml("port: 8000\nretryDelays: 1s\n")))
                    .isEqualTo("unknown key 'retryDelays' in lifeline.yaml:2 - did you mean 'retryDelay'?");
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"Port, port", "maxRetry, maxAttempts", "retries, maxAttempts", "maxAttempt, maxAttempts",
                "logdir, logDir",
                "backend_dir, backendDir", "stopgrace, stopGrace"})
        void givenNearMiss_whenLoading_thenTheClosestKeyIsSuggested(String typo, String suggestion) {
            assertThat(problemOf(() -> loadYaml(typo + ": x\n"))).endsWith(" - did you mean '" + suggestion + "'?");
        }

        @Test
        void givenUnknownKeyFarFromAny_whenLoading_thenListsTheKnownKeys() {
            assertThat(problemOf(() -> loadYaml("colour: red\n")))
                    .isEqualTo("unknown key 'colour' in lifeline.yaml:1 (known keys: "
                            + Settings.ALL.stream().map(Setting::key).collect(Collectors.joining(", ")) + ")")
                    .contains("(known keys: host, port, command, workingDir, env, backendDir, python, maxAttempts,");
        }

        @Test
        void givenListValue_whenLoading_thenExactProblem() {
            assertThat(problemOf(() -> loadYaml("port:\n  - 8000\n  - 8001\n")))
                    .isEqualTo("key 'port' in lifeline.yaml:1 must be a single value, not a list");
        }

        @Test
        void givenMappingValue_whenLoading_thenExactProblem() {
            assertThat(problemOf(() -> loadYaml("host: 127.0.0.1\nport: {value: 8000}\n")))
                    .isEqualTo("key 'port' in lifeline.yaml:2 must be a single value, not a mapping");
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"port:\n", "port: ~\n", "port: null\n"})
        void givenNullValue_whenLoading_thenExactProblem(String content) {
            assertThat(problemOf(() -> loadYaml(content))).isEqualTo("key 'port' in lifeline.yaml:1 has no value");
        }

        @Test
        void givenNullValueInJson_whenLoading_thenExactProblem() {
            dirs.write("lifeline.json", "{\"port\": null}");

            assertThat(problemOf(() -> loadFile("lifeline.json"))).isEqualTo("key 'port' in lifeline.json:1 has no value");
        }

        @Test
        void givenTopLevelList_whenLoading_thenSaysTheFileMustBeAMapping() {
            Path file = dirs.write("lifeline.yaml", "- port: 8000\n");

            assertThat(problemOf(() -> load(Map.of())))
                    .isEqualTo(file + ":1: the config file must be a mapping of keys to values, e.g. 'port: 8000'");
        }

        @Test
        void givenTopLevelScalar_whenLoading_thenSaysTheFileMustBeAMapping() {
            assertThat(problemOf(() -> loadYaml("8000\n"))).contains("must be a mapping of keys to values");
        }

        @Test
        void givenConfigThatIsNotUtf8_whenLoading_thenProblemSaysSo() {
            dirs.write("lifeline.yaml", new byte[] {'p', 'o', 'r', 't', ':', ' ', (byte) 0xff, '\n'});

            assertThat(problemOf(() -> load(Map.of()))).contains("UTF-8");
        }

        @Test
        void givenYamlWithByteOrderMark_whenLoading_thenItIsRead() {
            dirs.write("lifeline.yaml", "\uFEFFport: 9003\n".getBytes(StandardCharsets.UTF_8));

            assertThat(load(Map.of()).endpoint().port()).isEqualTo(9003);
        }
    }

    @Nested
    class Paths {

        @Test
        void givenLogDirUnderTilde_whenLoading_thenItIsUnderTheUserHome() {
            assertThat(load(Map.of(Settings.LOG_DIR, "~/logs/lifeline")).logDir())
                    .isEqualTo(dirs.userHome().resolve("logs/lifeline"));
        }

        @Test
        void givenLogDirTildeAlone_whenLoading_thenItIsTheUserHome() {
            assertThat(load(Map.of(Settings.LOG_DIR, "~")).logDir()).isEqualTo(dirs.userHome());
        }

        @Test
        void givenRelativeLogDir_whenLoading_thenItIsUnderTheWorkingDirectory() {
            assertThat(load(Map.of(Settings.LOG_DIR, "logs/../out")).logDir())
                    .isEqualTo(dirs.workingDirectory().resolve("out"));
        }

        @Test
        void givenTildeOfAnotherUser_whenLoading_thenItIsNotExpanded() {
            assertThat(load(Map.of(Settings.LOG_DIR, "~bob/logs")).logDir())
                    .isEqualTo(dirs.workingDirectory().resolve("~bob/logs"));
        }

        @Test
        void givenBackendDirUnderTildeInFile_whenLoading_thenItIsUnderTheUserHome() {
            Path backend = LifelineDirs.createFolder(dirs.userHome().resolve("projects/backend"));

            LifelineConfig config = loadYaml("backendDir: ~/projects/backend\n");

            assertThat(config.backend().directory()).isEqualTo(backend);
            assertThat(wheres(config)).containsEntry(Settings.BACKEND_DIR, "lifeline.yaml:1");
        }

        @Test
        void givenRelativeBackendDir_whenLoading_thenItIsUnderTheWorkingDirectory() {
            Path backend = LifelineDirs.createFolder(dirs.workingDirectory().resolve("backend"));

            assertThat(load(Map.of(Settings.BACKEND_DIR, "./backend")).backend().directory()).isEqualTo(backend);
        }

        @Test
        void givenPythonUnderTilde_whenLoading_thenItIsUnderTheUserHome() {
            LifelineConfig config = load(Map.of(Settings.PYTHON, "~/venv/bin/python"));

            assertThat(config.backend().interpreter()).contains(dirs.userHome().resolve("venv/bin/python"));
            assertThat(wheres(config)).containsEntry(Settings.PYTHON, "flag --python");
        }

        @Test
        void givenAbsolutePython_whenLoading_thenItIsUsedAsGiven() {
            assertThat(load(Map.of(Settings.PYTHON, "/usr/bin/python3.12")).backend().interpreter())
                    .contains(Path.of("/usr/bin/python3.12"));
        }

        @Test
        void givenBarePythonCommand_whenLoading_thenItIsLeftForThePathLookup() {
            assertThat(load(Map.of(Settings.PYTHON, "python3.12")).backend().interpreter())
                    .contains(Path.of("python3.12"));
        }

        @Test
        void givenTildeInBackendDirAndLogDirFlags_whenLoading_thenBothExpandAndNameTheirFlags() {
            LifelineConfig config = load(Map.of(Settings.LOG_DIR, "~/logs", Settings.BACKEND_DIR, "~"));

            assertThat(config.backend().directory()).isEqualTo(dirs.userHome());
            assertThat(wheres(config))
                    .containsEntry(Settings.LOG_DIR, "flag --log-dir")
                    .containsEntry(Settings.BACKEND_DIR, "flag --backend-dir");
        }
    }
}
