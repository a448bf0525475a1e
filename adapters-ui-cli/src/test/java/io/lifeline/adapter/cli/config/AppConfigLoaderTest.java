package io.lifeline.adapter.cli.config;

import io.lifeline.adapter.cli.testing.LifelineDirs;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;
import io.lifeline.domain.model.Readiness;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@code backends:}: top-level keys, environment and flags are every backend's defaults; its own entry wins. */
class AppConfigLoaderTest {

    private static final BackendName API = new BackendName("api");
    private static final BackendName WORKER = new BackendName("worker");
    private static final BackendName MIGRATE = new BackendName("migrate");

    @TempDir
    Path root;

    private LifelineDirs dirs;

    @BeforeEach
    void createFolders() {
        dirs = LifelineDirs.under(root);
    }

    private AppConfig loadYaml(String content, Map<Setting<?>, String> flags) {
        dirs.write(ConfigLoader.DEFAULT_FILE_NAME, content);
        return dirs.loader().loadApp(Optional.empty(), flags, ConfigLoader.Use.LAUNCH);
    }

    private static String problemOf(ThrowingCallable loading) {
        Throwable thrown = catchThrowable(loading);
        assertThat(thrown).isExactlyInstanceOf(ConfigException.class);
        assertThat(thrown.getMessage()).doesNotContain("\n");
        return thrown.getMessage();
    }

    @Test
    void aFileWithoutBackends_isOneBackendNamedBackend_asBefore() {
        AppConfig app = loadYaml("port: 8123\n", Map.of());

        assertThat(app.named()).isFalse();
        assertThat(app.plan().names()).containsExactly(BackendName.DEFAULT);
        assertThat(app.app().endpoint().port()).isEqualTo(8123);
    }

    @Test
    void topLevelKeysAndFlagsAreDefaults_eachBackendsOwnKeysWin() {
        AppConfig app = loadYaml("""
                startupTimeout: 45s
                stopGrace: 2s
                backends:
                  api:
                    port: 8101
                    stopGrace: 7s
                  worker:
                    port: 8102
                    command: ["python3", "worker.py"]
                    health: none
                    readyLine: worker ready
                """, Map.of(Settings.STARTUP_TIMEOUT, "50s"));

        assertThat(app.named()).isTrue();
        assertThat(app.plan().names()).containsExactly(API, WORKER);
        assertThat(app.backend(API).command().stopGrace()).isEqualTo(Duration.ofSeconds(7));
        assertThat(app.backend(WORKER).command().stopGrace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(app.backend(WORKER).timeouts().startupTimeout()).as("the flag, over the top-level key")
                .isEqualTo(Duration.ofSeconds(50));
        assertThat(app.backend(WORKER).backend().readiness().probes()).isFalse();
        assertThat(app.backend(API).origin(Settings.STOP_GRACE).where()).isEqualTo("lifeline.yaml:6");
    }

    @Test
    void dependsOnTakesAWordOrAMapping_andAJobIsMadeReadyByItsExit() {
        AppConfig app = loadYaml("""
                backends:
                  migrate:
                    command: "python3 migrate.py"
                  api:
                    port: 8101
                    dependsOn: {migrate: completed}
                  worker:
                    port: 8102
                    dependsOn:
                      api: {condition: healthy, timeout: 20s, restartWith: true}
                """, Map.of());

        assertThat(app.backend(API).command().dependsOn())
                .containsExactly(Dependency.on(MIGRATE, DependencyCondition.COMPLETED));
        assertThat(app.backend(WORKER).command().dependsOn())
                .containsExactly(Dependency.healthy(API).withTimeout(Duration.ofSeconds(20)).restartingWith());
        assertThat(app.backend(MIGRATE).backend().readiness()).isEqualTo(Readiness.COMPLETION);
    }

    @Test
    void aCycle_isOneLineNamingTheFileTheLineAndTheWholePath() {
        assertThat(problemOf(() -> loadYaml("""
                backends:
                  api:
                    port: 8101
                    dependsOn: {worker: healthy}
                  worker:
                    port: 8102
                    dependsOn: {api: started}
                """, Map.of()))).isEqualTo("lifeline.yaml:4: dependsOn makes a cycle: api -> worker -> api; remove one"
                + " of these dependencies");
    }

    @Test
    void badEntries_areOneLineEach_withTheirLine() {
        assertThat(problemOf(() -> loadYaml("backends:\n  api:\n    dependsOn: {db: healthy}\n", Map.of())))
                .startsWith("lifeline.yaml:3: api depends on db, which is not a backend of this app");
        assertThat(problemOf(() -> loadYaml("backends:\n  api:\n    port: 8101\n  web:\n    port: 8101\n",
                Map.of()))).isEqualTo("lifeline.yaml:4: api and web both use 127.0.0.1:8101; give each backend its"
                + " own port (port: auto picks a free one)");
        assertThat(problemOf(() -> loadYaml("backends:\n  db: {port: 8101}\n  api:\n    port: 8102\n"
                + "    dependsOn: {db: ready}\n", Map.of())))
                .isEqualTo("dependsOn db of api at lifeline.yaml:5: unknown condition 'ready' (known: healthy, started,"
                        + " completed)");
        assertThat(problemOf(() -> loadYaml("backends:\n  api:\n    logDir: /tmp/x\n", Map.of())))
                .isEqualTo("logDir in backend api at lifeline.yaml:3 is a setting of the whole app: write it at the"
                        + " top level of the file");
        assertThat(problemOf(() -> loadYaml("backends:\n  'a b':\n    port: 8101\n", Map.of())))
                .startsWith("lifeline.yaml:2: a backend name is 1 to 64 letters, digits, '-' or '_'");
        assertThat(problemOf(() -> loadYaml("dependsOn: {db: healthy}\n", Map.of())))
                .startsWith("dependsOn in lifeline.yaml:1 belongs to a backend");
    }

    @Test
    void aBackendThatDependsOnItselfOrNamesOneTwice_isOneLineWithItsLine() {
        assertThat(problemOf(() -> loadYaml("backends:\n  api:\n    port: 8101\n    dependsOn: {api: healthy}\n",
                Map.of()))).isEqualTo("lifeline.yaml:4: api cannot depend on itself");
        assertThat(problemOf(() -> loadYaml("backends:\n  db: {port: 8100}\n  api:\n    port: 8101\n"
                + "    dependsOn:\n      db: healthy\n      db: started\n", Map.of())))
                .isEqualTo("lifeline.yaml:7: dependsOn of api names db twice");
    }

    @Test
    void backendsThatUseNoPortAndWereGivenNone_eachGetAPortOfTheirOwn_forTheirRecordsAndOutput() throws Exception {
        AppConfig app = loadYaml("""
                backends:
                  migrate:
                    command: "python3 migrate.py"
                  api:
                    dependsOn: {migrate: completed}
                  worker:
                    command: "python3 worker.py"
                    health: none
                    readyLine: ready
                  pinned:
                    command: "python3 worker.py"
                    health: none
                    readyLine: ready
                    port: 8123
                """, Map.of());

        assertThat(app.backend(API).endpoint().port()).as("uses its port: the default").isEqualTo(8000);
        assertThat(app.backend(new BackendName("pinned")).endpoint().port()).as("given one").isEqualTo(8123);
        int migrate = app.backend(MIGRATE).endpoint().port();
        int worker = app.backend(WORKER).endpoint().port();
        assertThat(java.util.List.of(migrate, worker)).doesNotHaveDuplicates().doesNotContain(8000, 8123);
        assertThat(app.backend(WORKER).origin(Settings.PORT)).isEqualTo(Origin.RECORD_PORT);
        assertThat(app.backend(WORKER).reachedByNoPort()).isTrue();
        assertThat(app.backend(API).reachedByNoPort()).isFalse();
        String again = java.nio.file.Files.readString(dirs.workingDirectory().resolve(ConfigLoader.DEFAULT_FILE_NAME));
        assertThat(loadYaml(again, Map.of()).backend(WORKER).endpoint().port()).as("the same at every load")
                .isEqualTo(worker);
    }

    @Test
    void aWorkerThatInheritsATopLevelPort_stillGetsItsOwn_butOneItsEntryGivesIsKept() {
        AppConfig app = loadYaml("""
                port: 8100
                backends:
                  api: {}
                  worker:
                    command: "python3 worker.py"
                    health: none
                    readyLine: ready
                """, Map.of());

        assertThat(app.backend(API).endpoint().port()).isEqualTo(8100);
        assertThat(app.backend(WORKER).endpoint().port()).isNotEqualTo(8100).isGreaterThanOrEqualTo(49_152);
    }

    @Test
    void theSameSettingTwiceInAnEntry_underItsOldAndNewName_isOneLine() {
        assertThat(problemOf(() -> loadYaml("backends:\n  api:\n    maxRetries: 2\n    maxAttempts: 5\n",
                Map.of()))).startsWith("keys maxRetries (lifeline.yaml:3) and maxAttempts (lifeline.yaml:4) in backend"
                + " api are the same setting");
    }

    @Test
    void aBackendsBadValue_namesTheBackendAndWhereItIs() {
        assertThat(problemOf(() -> loadYaml("backends:\n  api:\n    port: 70000\n", Map.of())))
                .startsWith("backend api (lifeline.yaml:2): invalid port '70000' (from lifeline.yaml:3)");
    }

    @Test
    void narrowedToABackend_keepsWhatItDependsOn_andAnUnknownNameIsOneLine() {
        AppConfig app = loadYaml("""
                backends:
                  api: {port: 8101}
                  worker:
                    port: 8102
                    dependsOn: {api: healthy}
                  web: {port: 8103}
                """, Map.of());

        assertThat(app.narrowedTo(java.util.Set.of(WORKER)).plan().names()).containsExactly(API, WORKER);
        assertThat(problemOf(() -> app.narrowedTo(java.util.Set.of(new BackendName("db")))))
                .isEqualTo("--backend: no backend named db in this app; its backends: api, worker, web");
    }
}
