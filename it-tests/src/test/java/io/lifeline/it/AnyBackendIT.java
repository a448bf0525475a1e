package io.lifeline.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's own backend, run from a config file alone: each recipe of docs/recipes.md (the files in docs/recipes/)
 * starts a real program through the real CLI. Only what cannot run here (a Spring Boot jar) swaps its command for
 * the fixture, which answers in the actuator's shape.
 */
class AnyBackendIT extends CliTestBase {

    private static final Path RECIPES = Fixture.DIR.getParent().resolve("docs/recipes");
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(60);

    @Test
    void uvicornAppModule_fromTheProjectsVenv_isReadyByItsOutputLine() throws Exception {
        Path project = project("uvicorn-project");
        link(project.resolve(".venv"), Fixture.DIR.resolve("target/venv"));
        link(project.resolve("main.py"), Fixture.DIR.resolve("main.py"));

        long pid = startAndAwaitConnected("uvicorn-app.yaml", project);

        assertThat(ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine()).orElse(""))
                .contains("uvicorn main:app --host 127.0.0.1 --port");
        stopsCleanly();
    }

    @Test
    void pythonModule_runByTheInterpreterLifelineFinds() throws Exception {
        Path site = project("python-module-site");
        Files.writeString(site.resolve("index.html"), "<html><body>hello</body></html>");

        startAndAwaitConnected("python-module.yaml", site);

        stopsCleanly();
    }

    @Test
    void singleBinary_anyExecutableAtAPathInTheWorkingDir() throws Exception {
        Path app = project("single-binary");
        Path server = Files.createDirectories(app.resolve("dist")).resolve("server");
        Files.writeString(server, "#!/bin/sh\n# stands in for a frozen build: serves the current folder\n"
                + "exec " + Fixture.PYTHON + " -m http.server \"$2\" --bind 127.0.0.1\n");
        assertThat(server.toFile().setExecutable(true)).isTrue();

        startAndAwaitConnected("single-binary.yaml", app);

        stopsCleanly();
    }

    @Test
    void nodeServer_withNoHealthEndpoint_isReadyByTcp() throws Exception {
        Assumptions.assumeTrue(onPath("node"), "node is not on PATH: the Node recipe cannot run on this machine");
        Path app = project("node-server");
        Files.copy(RECIPES.resolve("server.js"), app.resolve("server.js"));

        startAndAwaitConnected("node-server.yaml", app);

        stopsCleanly();
    }

    @Test
    void serverWithNoHealthAtAll_isReadyWhenItPrintsItsReadyLine() throws Exception {
        Path app = project("no-health");
        Path server = app.resolve("server");
        Files.writeString(server, "#!" + Fixture.PYTHON + "\n"
                + "import socket, sys, time\n"
                + "port = int(sys.argv[sys.argv.index('--port') + 1])\n"
                + "print('warming up', flush=True)\n"
                + "time.sleep(0.3)\n"
                + "listener = socket.create_server(('127.0.0.1', port))\n"
                + "print('Listening on port %d' % port, flush=True)\n"
                + "while True:\n"
                + "    connection, _ = listener.accept()\n"
                + "    connection.close()\n");
        assertThat(server.toFile().setExecutable(true)).isTrue();

        startAndAwaitConnected("no-health.yaml", app);

        stopsCleanly();
    }

    @Test
    void springBootRecipe_healthSettingsAgainstAnActuatorShapedAnswer() throws Exception {
        int port = Fixture.freePort();
        lifeline = LifelineCli.run(Map.of(), "start", "--config", RECIPES.resolve("spring-boot.yaml").toString(),
                "--command", "{python} main.py --port {port} --host {host}", "--working-dir", Fixture.DIR.toString(),
                "--required-services", "database", "--port", Integer.toString(port));

        started.add(Long.parseLong(lifeline.awaitLine(CliProcessIT.CONNECTED, CONNECT_LIMIT).group(3)));
        stopsCleanly();
    }

    /** The fixture by hand, its health read in the actuator's and the IETF draft's shapes by lifeline status. */
    @ParameterizedTest(name = "{0} as {1}: exit {2}")
    @CsvSource({"healthy, spring, 0", "degraded, spring, 23", "unhealthy, spring, 23",
            "healthy, ietf, 0", "degraded, ietf, 22", "unhealthy, ietf, 23"})
    void otherHealthShapes_healthyDegradedAndDown(String scenario, String contract, int exitCode) throws Exception {
        int port = Fixture.freePort();
        Process backend = Fixture.startByHand(scenario, port, Map.of());
        try {
            awaitListening(port);
            String path = contract.equals("spring") ? "/actuator/health" : "/health/ietf";
            LifelineCli status = LifelineCli.run(Map.of(), "status", "--port", Integer.toString(port), "--health",
                    contract, "--health-path", path);

            assertThat(status.exitCode(Duration.ofSeconds(30))).as("status: %s", status.stdout).isEqualTo(exitCode);
        } finally {
            Fixture.end(backend);
        }
    }

    /** What cannot be run gets its own exit code and says where it looked; nothing is retried. */
    @Test
    void aProgramThatDoesNotExist_exits25_withTheCauseAndNoRetry() throws Exception {
        lifeline = LifelineCli.run(Map.of(), "start", "--command", "./dist/no-such-server --port {port}",
                "--working-dir", project("missing-program").toString(), "--port", Integer.toString(Fixture.freePort()));

        assertThat(lifeline.exitCode(Duration.ofSeconds(30))).isEqualTo(25);
        assertThat(String.join("\n", lifeline.stdout)).contains("Backend program not found: ./dist/no-such-server");
        assertThat(String.join("\n", lifeline.stderr)).contains("Remedy:   Install it, or fix the program in --command")
                .contains("Attempts: 1 of 3 (not retried");
    }

    /** Bad input: one line naming the value and its source, exit 64, and nothing started. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty command | command: '' | invalid command '' (from lifeline.yaml:1): must name a program",
            "unknown placeholder | command: server --port {prot} | has an unknown placeholder {prot}",
            "regex that does not compile | 'readyLine: ''Listening (on''' | invalid readyLine 'Listening (on'"
                    + " (from lifeline.yaml:1): is not a valid regular expression",
            "unknown contract | health: grpc | invalid health 'grpc' (from lifeline.yaml:1): must be one of",
            "services as a string | requiredServices: cache | key 'requiredServices' in lifeline.yaml:1 must be a"
                    + " list",
            "health none without a ready line | 'command: server\nhealth: none' | health none (from"
                    + " lifeline.yaml:2) needs readyLine"})
    void badInput_oneLineExit64_nothingStarted(String what, String yaml, String message) throws Exception {
        Path dir = project("bad-input-" + what.replace(' ', '-'));
        Files.writeString(dir.resolve("lifeline.yaml"), yaml.replace("\\n", "\n") + "\n");
        List<Long> before = children();

        lifeline = LifelineCli.run(Map.of(), "start", "--config", dir.resolve("lifeline.yaml").toString(),
                "--port", Integer.toString(Fixture.freePort()));

        assertThat(lifeline.exitCode(Duration.ofSeconds(30))).isEqualTo(64);
        assertThat(lifeline.stderr).hasSize(1).first().asString().startsWith("lifeline: ").contains(message);
        assertThat(lifeline.stdout).isEmpty();
        assertThat(children()).isEqualTo(before);
    }

    // ---- helpers ----

    private long startAndAwaitConnected(String recipe, Path workingDir) throws IOException {
        int port = Fixture.freePort();
        lifeline = LifelineCli.run(Map.of(), "start", "--config", RECIPES.resolve(recipe).toString(),
                "--working-dir", workingDir.toString(), "--port", Integer.toString(port));
        Matcher connected = lifeline.awaitLine(CliProcessIT.CONNECTED, CONNECT_LIMIT);
        long pid = Long.parseLong(connected.group(3));
        started.add(pid);
        return pid;
    }

    private void stopsCleanly() throws InterruptedException {
        lifeline.sigterm();
        assertThat(lifeline.exitCode(Duration.ofSeconds(30))).as("stdout %s", lifeline.stdout).isZero();
        assertThat(lifeline.stdout).anyMatch(line -> line.endsWith("stopped: backend stopped"));
    }

    private static void awaitListening(int port) {
        org.awaitility.Awaitility.await("the backend listens").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                        return socket.isConnected();
                    }
                });
    }

    private static Path project(String name) throws IOException {
        Path dir = Fixture.WORK.resolve("any-backend").resolve(name);
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }

    private static void link(Path link, Path target) throws IOException {
        Files.createSymbolicLink(link, target.toAbsolutePath());
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, program)));
    }

    private static List<Long> children() {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.current().descendants().filter(handle -> handle.info().command().map(command ->
                !command.endsWith("java")).orElse(true)).forEach(handle -> pids.add(handle.pid()));
        return pids;
    }
}
