package io.lifeline.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An app of several backends of three kinds, with the real CLI: the bundled FastAPI fixture as the API, a Python
 * worker with no HTTP that is ready by a line, a Node server ready by TCP, and a one-shot job that must complete
 * first. Order, skips and stops are read from the JSON events' timestamps.
 */
class AppIT extends CliTestBase {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;

    @BeforeEach
    void folder() throws IOException {
        dir = Files.createDirectories(Fixture.WORK.resolve("app-" + System.nanoTime()));
    }

    // ---- the scenarios ----

    @Test
    void aJobAnApiAWorkerAndANodeServer_startInDependencyOrder_independentsInParallel_andStopInReverse()
            throws Exception {
        requireNode();
        int api = Fixture.freePort();
        int web = Fixture.freePort();
        lifeline = start("""
                startupTimeout: 60s
                backends:
                  migrate:
                    command: [%s, job.py, --delay, "1.5"]
                    workingDir: %s
                  api:
                    port: %d
                    dependsOn: {migrate: completed}
                  worker:
                    command: [%s, worker.py, --delay, "0.3"]
                    workingDir: %s
                    health: none
                    readyLine: worker ready
                    dependsOn: {api: healthy}
                  web:
                    command: [node, node-server.js, --port, "{port}", --delay, "0.5"]
                    workingDir: %s
                    health: tcp
                    port: %d
                """.formatted(Fixture.PYTHON, Fixture.DIR, api, Fixture.PYTHON, Fixture.DIR, Fixture.DIR, web));

        await("every backend ready").atMost(LIMIT).until(() -> event("worker", "connected").isPresent()
                && event("web", "connected").isPresent());
        assertThat(lifeline.stderr).anyMatch(line -> line.contains("all 4 backends ready"));
        assertThat(time("api", "launching")).as("api after the job completed")
                .isAfterOrEqualTo(time("migrate", "completed"));
        assertThat(time("worker", "launching")).as("worker after api is healthy")
                .isAfterOrEqualTo(time("api", "connected"));
        assertThat(time("web", "launching")).as("web waits for nothing: launched while the job still runs")
                .isBefore(time("migrate", "completed"));
        assertThat(events()).allSatisfy(event -> {
            assertThat(event.path("schemaVersion").asInt()).isEqualTo(2);
            assertThat(event.path("backend").asText()).isIn("migrate", "api", "worker", "web");
        });
        assertThat(event("worker", "launching").orElseThrow().path("detail").asText())
                .as("reached by no port: its detail names none").startsWith("launching backend (attempt 1/");
        assertThat(event("api", "launching").orElseThrow().path("detail").asText())
                .startsWith("launching backend for 127.0.0.1:" + api);
        List<Long> pids = List.of("api", "worker", "web").stream()
                .map(name -> event(name, "connected").orElseThrow().path("pid").asLong()).toList();

        lifeline.sigterm();

        assertThat(lifeline.exitCode(LIMIT)).isZero();
        assertThat(time("worker", "stopped")).as("the dependant first").isBeforeOrEqualTo(time("api", "stopped"));
        assertThat(event("web", "stopped")).isPresent();
        assertThat(event("migrate", "stopped")).as("the job's run was over").isEmpty();
        assertThat(pids).noneMatch(ProcessHygiene::isAlive);
    }

    @Test
    void aDependencyThatCrashesOnEveryAttempt_skipsItsDependant_andOneReportNamesTheRoot() throws Exception {
        requireNode();
        lifeline = start("""
                maxRetries: 2
                retryDelay: 100ms
                backends:
                  db:
                    command: [%s, worker.py, --crash]
                    workingDir: %s
                    health: none
                    readyLine: worker ready
                  api:
                    port: %d
                    dependsOn: {db: healthy}
                  web:
                    command: [node, node-server.js, --port, "{port}"]
                    workingDir: %s
                    health: tcp
                    port: %d
                """.formatted(Fixture.PYTHON, Fixture.DIR, Fixture.freePort(), Fixture.DIR, Fixture.freePort()));

        assertThat(lifeline.exitCode(LIMIT)).as("the root cause's exit code: exited during startup").isEqualTo(15);
        assertThat(event("db", "failed")).hasValueSatisfying(failed ->
                assertThat(failed.path("lastOutput").toString()).contains("simulated crash before ready"));
        assertThat(event("api", "skipped")).hasValueSatisfying(skipped ->
                assertThat(skipped.path("root").asText()).isEqualTo("db"));
        assertThat(event("api", "launching")).as("never launched, never waited out its own timeout").isEmpty();
        assertThat(lifeline.stderr).filteredOn(line -> line.contains("the app did not start: db failed")
                && line.contains("skipped, never launched: api")).hasSize(1);
        assertThat(lifeline.stderr).anyMatch(line -> line.contains("Backend startup failed"));
    }

    @Test
    void aDependencyThatMissesItsTimeout_isStopped_andItsDependantSkipped_exit30() throws Exception {
        lifeline = start("""
                backends:
                  db:
                    command: [%s, worker.py, --delay, "60"]
                    workingDir: %s
                    health: none
                    readyLine: worker ready
                  api:
                    port: %d
                    dependsOn:
                      db: {condition: healthy, timeout: 2s}
                """.formatted(Fixture.PYTHON, Fixture.DIR, Fixture.freePort()));
        Instant began = Instant.now();

        assertThat(lifeline.exitCode(LIMIT)).isEqualTo(30);
        assertThat(Duration.between(began, Instant.now())).as("the 2 s timeout, not db's own 30 s")
                .isLessThan(Duration.ofSeconds(20));
        assertThat(lifeline.stderr).anyMatch(line -> line.contains("db was not healthy within 2s, the timeout api"
                + " gives it"));
        assertThat(event("api", "skipped")).isPresent();
        assertThat(event("db", "failed")).as("the root's failure is an event too").hasValueSatisfying(failed ->
                assertThat(failed.path("failure").asText()).isEqualTo("DEPENDENCY_NOT_READY"));
        assertThat(event("db", "stopped")).isPresent();
    }

    @Test
    void aCycle_isRefusedBeforeAnythingStarts_showingTheWholePath_exit64() throws Exception {
        lifeline = start("""
                backends:
                  api:
                    port: %d
                    dependsOn: {worker: healthy}
                  worker:
                    command: [%s, worker.py]
                    health: none
                    readyLine: worker ready
                    dependsOn: {api: started}
                """.formatted(Fixture.freePort(), Fixture.PYTHON));

        assertThat(lifeline.exitCode(LIMIT)).isEqualTo(64);
        assertThat(lifeline.stderr).singleElement().asString()
                .contains("app.yaml:").contains("api -> worker -> api");
        assertThat(events()).isEmpty();
    }

    @Test
    void anUnknownNameInDependsOn_isRefusedWithTheFileAndLine_exit64() throws Exception {
        lifeline = start("""
                backends:
                  api:
                    port: %d
                    dependsOn: {databse: healthy}
                """.formatted(Fixture.freePort()));

        assertThat(lifeline.exitCode(LIMIT)).isEqualTo(64);
        assertThat(lifeline.stderr).singleElement().asString()
                .contains("app.yaml:4").contains("api depends on databse, which is not a backend of this app");
        assertThat(events()).isEmpty();
    }

    @Test
    void aDependencyKilledWhileConnected_isRestarted_itsRestartWithDependantAfterIt_andTheOtherLeftRunning()
            throws Exception {
        requireNode();
        lifeline = start("""
                restartDelay: 200ms
                backends:
                  api:
                    port: %d
                  worker:
                    command: [%s, worker.py]
                    workingDir: %s
                    health: none
                    readyLine: worker ready
                    dependsOn:
                      api: {condition: healthy, restartWith: true}
                  web:
                    command: [node, node-server.js, --port, "{port}"]
                    workingDir: %s
                    health: tcp
                    port: %d
                    dependsOn: {api: healthy}
                """.formatted(Fixture.freePort(), Fixture.PYTHON, Fixture.DIR, Fixture.DIR, Fixture.freePort()));
        await("every backend ready").atMost(LIMIT).until(() -> events("connected").size() == 3);
        long api = event("api", "connected").orElseThrow().path("pid").asLong();
        long web = event("web", "connected").orElseThrow().path("pid").asLong();

        ProcessHandle.of(api).orElseThrow().destroyForcibly();

        await("api restarted and worker started again after it").atMost(LIMIT)
                .until(() -> events("connected").stream().filter(event -> event.path("backend").asText()
                        .equals("worker")).count() == 2);
        List<JsonNode> apiConnected = events("connected").stream()
                .filter(event -> event.path("backend").asText().equals("api")).toList();
        assertThat(apiConnected).hasSize(2);
        assertThat(time("worker", "stopped")).as("worker stopped when api went down")
                .isBefore(Instant.parse(apiConnected.get(1).path("timestamp").asText()));
        assertThat(events("launching").stream().filter(event -> event.path("backend").asText().equals("worker"))
                .map(event -> Instant.parse(event.path("timestamp").asText())).toList().get(1))
                .as("worker launched again once api is healthy again")
                .isAfterOrEqualTo(Instant.parse(apiConnected.get(1).path("timestamp").asText()));
        assertThat(event("web", "stopped")).as("web does not restart with api").isEmpty();
        assertThat(ProcessHygiene.isRunning(web)).isTrue();

        lifeline.sigterm();
        assertThat(lifeline.exitCode(LIMIT)).isZero();
    }

    @Test
    void aDependencyAlreadyRunningByHand_isProvenAndAttached_andItsDependantStarts() throws Exception {
        int port = Fixture.freePort();
        Process byHand = Fixture.startByHand("healthy", port, Map.of());
        try {
            Fixture.awaitAnswering(port);
            lifeline = start("""
                    backends:
                      api:
                        port: %d
                      worker:
                        command: [%s, worker.py]
                        workingDir: %s
                        health: none
                        readyLine: worker ready
                        dependsOn: {api: healthy}
                    """.formatted(port, Fixture.PYTHON, Fixture.DIR));

            await("worker ready").atMost(LIMIT).until(() -> event("worker", "connected").isPresent());
            JsonNode attached = event("api", "connected").orElseThrow();
            assertThat(attached.path("attached").asBoolean()).isTrue();
            assertThat(attached.path("pid").asLong()).isEqualTo(byHand.pid());
            assertThat(attached.path("proof").asText()).isEqualTo("started-by-hand");

            lifeline.sigterm();
            assertThat(lifeline.exitCode(LIMIT)).isZero();
            assertThat(byHand.isAlive()).as("attached to, so left running").isTrue();
        } finally {
            Fixture.end(byHand);
        }
    }

    @Test
    void detached_eachBackendKeepsItsOwnRecord_andTheHintStopsIt_thenStatusOfADependantAlone() throws Exception {
        int api = Fixture.freePort();
        String yaml = """
                backends:
                  api:
                    port: %d
                  worker:
                    command: [%s, worker.py]
                    workingDir: %s
                    health: none
                    readyLine: worker ready
                    dependsOn: {api: healthy}
                """.formatted(api, Fixture.PYTHON, Fixture.DIR);
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, yaml);
        lifeline = LifelineCli.run(Map.of(), "start", "--detach", "--config", file.toString());

        assertThat(lifeline.exitCode(LIMIT)).isZero();
        List<String> hints = lifeline.stdout.stream().filter(line -> line.contains("detached: backend pid")).toList();
        assertThat(hints).hasSize(2);
        List<Long> pids = new ArrayList<>();
        List<List<String>> stops = new ArrayList<>();
        for (String hint : hints) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("detached: backend pid (\\d+) .*"
                    + "stop it with: lifeline (stop --backend \\w+) --config \\S+$").matcher(hint);
            assertThat(matcher.find()).as(hint).isTrue();
            pids.add(Long.parseLong(matcher.group(1)));
            stops.add(List.of(matcher.group(2).split(" ")));
        }
        started.addAll(pids);
        assertThat(pids).doesNotHaveDuplicates().allMatch(ProcessHygiene::isRunning);
        assertThat(Files.list(LifelineCli.RUN_DIR).map(path -> path.getFileName().toString())
                .filter(name -> name.matches("backend-\\d+\\.json")).toList())
                .as("one record per backend, each on its own port").contains("backend-" + api + ".json")
                .hasSizeGreaterThanOrEqualTo(2);

        LifelineCli status = LifelineCli.run(Map.of(), "status", "--config", file.toString(), "--backend", "api");
        assertThat(status.exitCode(LIMIT)).as("a backend asked about alone, with what it depends on left out")
                .isZero();
        // The dependant first, as a whole-app stop would.
        for (List<String> stop : List.of(stops.get(1), stops.get(0))) {
            List<String> args = new ArrayList<>(stop);
            args.addAll(List.of("--config", file.toString()));
            LifelineCli stopping = LifelineCli.run(Map.of(), args.toArray(String[]::new));
            assertThat(stopping.exitCode(LIMIT)).as("%s: %s", args, stopping.stderr).isZero();
        }
        await("both detached backends stopped").atMost(Duration.ofSeconds(20))
                .until(() -> pids.stream().noneMatch(ProcessHygiene::isRunning));
    }

    @Test
    void detachedApp_statusAndStopWithoutNamingABackend_goOverEveryOne_dependantsStoppedFirst() throws Exception {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, """
                port: auto
                backends:
                  worker:
                    command: [%s, worker.py]
                    workingDir: %s
                    health: none
                    readyLine: worker ready
                    dependsOn: {api: healthy}
                  api: {}
                """.formatted(Fixture.PYTHON, Fixture.DIR));
        lifeline = LifelineCli.run(Map.of(), "start", "--detach", "--config", file.toString());
        assertThat(lifeline.exitCode(LIMIT)).isZero();
        List<Long> pids = lifeline.stdout.stream().filter(line -> line.contains("detached: backend pid"))
                .map(line -> Long.parseLong(line.replaceAll(".*detached: backend pid (\\d+) .*", "$1"))).toList();
        started.addAll(pids);
        assertThat(pids).hasSize(2);

        LifelineCli status = LifelineCli.run(Map.of(), "status", "--config", file.toString());
        assertThat(status.exitCode(LIMIT)).as("every backend up: %s", status.stdout).isZero();
        assertThat(status.stdout).containsSubsequence("[api]", "[worker]");
        assertThat(status.stdout).anyMatch(line -> line.startsWith("backend worker: running: pid "));

        LifelineCli stop = LifelineCli.run(Map.of(), "stop", "--config", file.toString());
        assertThat(stop.exitCode(LIMIT)).as("%s %s", stop.stdout, stop.stderr).isZero();
        assertThat(stop.stdout).as("dependants first").containsSubsequence("[worker]", "[api]");
        await("both stopped").atMost(Duration.ofSeconds(20))
                .until(() -> pids.stream().noneMatch(ProcessHygiene::isRunning));
        LifelineCli after = LifelineCli.run(Map.of(), "status", "--config", file.toString());
        assertThat(after.exitCode(LIMIT)).as("nothing runs any more").isEqualTo(23);
    }

    @Test
    void theDemoRecipe_startsFromTheRepositoryRoot_reportsOneLinePerBackendAndASummary_andStopsInReverse()
            throws Exception {
        requireNode();
        Path root = Fixture.DIR.getParent();
        lifeline = LifelineCli.runIn(root, Map.of(), "start", "--config", "docs/recipes/app-demo.yaml");

        lifeline.awaitLine(java.util.regex.Pattern.compile("all 4 backends ready: migrate completed, api on "
                + "127\\.0\\.0\\.1:\\d+ \\(pid \\d+\\), worker ready \\(pid \\d+\\), web on "), LIMIT);
        assertThat(lifeline.stdout).anyMatch(line -> line.matches("\\[backend-startup-\\d+] migrate: completed: .*"))
                .anyMatch(line -> line.matches("\\[backend-startup-\\d+] worker: ready \\(pid \\d+, attempt 1, .*"));

        lifeline.sigterm();

        assertThat(lifeline.exitCode(LIMIT)).isZero();
        List<String> stops = lifeline.stdout.stream().filter(line -> line.endsWith("stopped: backend stopped"))
                .map(line -> line.replaceAll("^\\[[^]]+] (\\w+): .*$", "$1")).toList();
        assertThat(stops).containsExactlyInAnyOrder("web", "worker", "api");
        assertThat(stops.get(2)).as("api last: both others depend on it").isEqualTo("api");
    }

    // ---- helpers ----

    private LifelineCli start(String yaml) throws IOException {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, yaml);
        return LifelineCli.run(Map.of(), "start", "--json", "--config", file.toString());
    }

    private static void requireNode() {
        boolean found;
        try {
            found = new ProcessBuilder("node", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException missing) {
            found = false;
        }
        Assumptions.assumeTrue(found, "node is not installed here: the Node backend of this app cannot run");
    }

    private List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        synchronized (lifeline.stdout) {
            for (String line : lifeline.stdout) {
                if (line.startsWith("{")) {
                    try {
                        events.add(JSON.readTree(line));
                    } catch (IOException unreadable) {
                        throw new UncheckedIOException(unreadable);
                    }
                }
            }
        }
        return events;
    }

    private List<JsonNode> events(String status) {
        return events().stream().filter(event -> event.path("status").asText().equals(status)).toList();
    }

    private Optional<JsonNode> event(String backend, String status) {
        return events(status).stream().filter(event -> event.path("backend").asText().equals(backend)).findFirst();
    }

    private Instant time(String backend, String status) {
        return Instant.parse(event(backend, status).orElseThrow(() -> new AssertionError("no " + status + " event of "
                + backend + " in " + lifeline.stdout)).path("timestamp").asText());
    }
}
