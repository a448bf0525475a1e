package io.lifeline.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.lifeline.adapter.http.HmacOwnershipChallenge;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.port.out.OwnershipChallenge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attach only to a backend proven ours: squatters and stale backends are refused by name, a backend started by hand
 * from the configured folder and one a Lifeline run launched are attached to, and two starts on one port launch one
 * backend. Real processes, the real CLI.
 */
class OwnershipIT extends CliTestBase {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Pattern ATTACHED = Pattern.compile("connected on 127\\.0\\.0\\.1:(\\d+) \\(attached to the"
            + " backend already running, pid (\\d+); ours: ([A-Za-z ,]+)\\)");

    private final List<Process> others = new ArrayList<>();
    private final List<HttpServer> relays = new ArrayList<>();
    private LifelineCli second;

    @AfterEach
    void endWhatThisTestStarted() throws Exception {
        if (second != null && second.process.isAlive()) {
            second.sigkill();
        }
        for (Process process : others) {
            Fixture.end(process);
        }
        relays.forEach(relay -> relay.stop(0));
    }

    @Test
    void aStaticFileServerServingACapturedHealthyAnswer_isRefused_namingItsPidAndCommand() throws Exception {
        int port = Fixture.freePort();
        Path site = directory("captured-answer");
        Files.writeString(site.resolve("health"), "{\"status\":\"healthy\",\"service\":\"lifeline-fixture\","
                + "\"pid\":999999,\"services\":{\"cache\":\"healthy\",\"websocket\":\"healthy\","
                + "\"database\":\"healthy\"}}");
        Process squatter = webServer(site, port);

        lifeline = LifelineCli.run(Map.of(), "start", "--port", Integer.toString(port));

        assertThat(lifeline.exitCode(LIMIT)).as("stdout %s", lifeline.stdout).isEqualTo(13);
        String report = String.join("\n", lifeline.stderr);
        assertThat(report).contains("a backend that is not proven ours answers there: its health answer names pid"
                + " 999999, but pid " + squatter.pid() + " (in " + site + ") listens on the port")
                .contains("http.server").contains("kill " + squatter.pid())
                .contains("or, if you trust it, attach to it anyway with --attach healthy");
        assertThat(String.join("\n", lifeline.stdout)).doesNotContain("launching");
    }

    @Test
    void aSquatterAnsweringHealthyJsonWithoutAServiceName_isRefused() throws Exception {
        int port = Fixture.freePort();
        Path site = directory("no-service-name");
        Files.writeString(site.resolve("health"), "{\"status\":\"healthy\",\"services\":{\"cache\":\"healthy\","
                + "\"websocket\":\"healthy\",\"database\":\"healthy\"}}");
        Process squatter = webServer(site, port);

        lifeline = LifelineCli.run(Map.of(), "start", "--port", Integer.toString(port));

        assertThat(lifeline.exitCode(LIMIT)).isEqualTo(13);
        assertThat(String.join("\n", lifeline.stderr)).contains("pid " + squatter.pid())
                .contains("is neither a backend Lifeline launched nor the configured command started by hand: no"
                        + " launch record names it");
    }

    @Test
    void theSameSquatter_isAttachedTo_underAttachHealthy() throws Exception {
        int port = Fixture.freePort();
        Path site = directory("trusted");
        Files.writeString(site.resolve("health"), "{\"status\":\"healthy\",\"services\":{\"cache\":\"healthy\","
                + "\"websocket\":\"healthy\",\"database\":\"healthy\"}}");
        webServer(site, port);

        lifeline = LifelineCli.run(Map.of(), "start", "--port", Integer.toString(port), "--attach", "healthy");

        lifeline.awaitLine(Pattern.compile("attached to the backend already running"), LIMIT);
        assertThat(lifeline.stdout).noneMatch(line -> line.contains("ours:"));
        lifeline.sigterm();
        assertThat(lifeline.exitCode(LIMIT)).isZero();
    }

    @Test
    void theFixtureStartedByHandFromTheConfiguredFolder_isAttachedToByItsCommandLine() throws Exception {
        int port = Fixture.freePort();
        Process byHand = Fixture.startByHand("healthy", port, Map.of());
        others.add(byHand);
        Fixture.awaitAnswering(port);

        lifeline = LifelineCli.run(Map.of(), "start", "--port", Integer.toString(port));

        var attached = lifeline.awaitLine(ATTACHED, LIMIT);
        assertThat(attached.group(2)).isEqualTo(Long.toString(byHand.pid()));
        assertThat(attached.group(3)).isEqualTo("the configured command, started by hand");
        lifeline.sigterm();
        assertThat(lifeline.exitCode(LIMIT)).isZero();
        assertThat(byHand.isAlive()).isTrue();
    }

    @Test
    void anAttachedBackendKilled_isDisconnected_andLifelineLaunchesItsOwn() throws Exception {
        int port = Fixture.freePort();
        Process byHand = Fixture.startByHand("healthy", port, Map.of());
        others.add(byHand);
        Fixture.awaitAnswering(port);
        lifeline = LifelineCli.run(Map.of(), "start", "--port", Integer.toString(port), "--liveness-interval",
                "200ms", "--liveness-threshold", "2", "--restart-delay", "100ms");
        lifeline.awaitLine(ATTACHED, LIMIT);

        byHand.destroyForcibly().waitFor();

        lifeline.awaitLine(Pattern.compile("disconnected"), LIMIT);
        long own = Long.parseLong(lifeline.awaitLine(CliProcessIT.CONNECTED, LIMIT).group(3));
        started.add(own);
        assertThat(own).isNotEqualTo(byHand.pid());
        lifeline.sigterm();
        assertThat(lifeline.exitCode(LIMIT)).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> !ProcessHygiene.isRunning(own));
    }

    /**
     * Where the OS does not show who listens, the challenge is the only proof: the fixture implements it, for the
     * host and port it listens on, so a squatter on another port that relays the challenge to it gets a proof that
     * is wrong for the squatter's own port.
     */
    @Test
    void theFixtureAnswersTheChallenge_onlyWithTheSecretItWasGiven_andOnlyForItsOwnPort() throws Exception {
        int port = Fixture.freePort();
        Process backend = Fixture.startByHand("healthy", port, Map.of("LIFELINE_SECRET", "the-runs-secret"));
        others.add(backend);
        Fixture.awaitAnswering(port);
        var endpoint = new Endpoint("127.0.0.1", port);
        Endpoint relay = relayOfTheChallengeTo(port);

        try (var challenge = new HmacOwnershipChallenge("/health", Duration.ofSeconds(5))) {
            assertThat(challenge.ask(endpoint, "the-runs-secret").toCompletableFuture().get())
                    .isEqualTo(OwnershipChallenge.Answer.PROVEN);
            assertThat(challenge.ask(endpoint, "a-guess").toCompletableFuture().get())
                    .isEqualTo(OwnershipChallenge.Answer.WRONG);
            assertThat(challenge.ask(relay, "the-runs-secret").toCompletableFuture().get())
                    .as("the fixture's proof relayed by a squatter on port %d", relay.port())
                    .isEqualTo(OwnershipChallenge.Answer.WRONG);
        }
    }

    /** The backend's own children never get the secret: the fixture removes it from its environment on start. */
    @Test
    void theFixturesChildren_doNotInheritTheSecret() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc to read a child's environment");
        int port = Fixture.freePort();
        Process backend = Fixture.startByHand("spawn-child", port, Map.of("LIFELINE_SECRET", "the-runs-secret"));
        others.add(backend);
        Fixture.awaitAnswering(port);
        long child = healthField(port, "child_pid").asLong();

        String environment = new String(Files.readAllBytes(Path.of("/proc", Long.toString(child), "environ")),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(environment).as("the environment of the fixture's child %d", child)
                .contains("FIXTURE_SCENARIO=spawn-child").doesNotContain("LIFELINE_SECRET")
                .doesNotContain("the-runs-secret");
        try (var challenge = new HmacOwnershipChallenge("/health", Duration.ofSeconds(5))) {
            assertThat(challenge.ask(new Endpoint("127.0.0.1", port), "the-runs-secret").toCompletableFuture().get())
                    .as("the fixture itself still proves it").isEqualTo(OwnershipChallenge.Answer.PROVEN);
        }
    }

    /** docs/backend-contract.md's Python middleware, run as it is printed there, proves the challenge. */
    @Test
    void theContractsPythonMiddleware_provesTheChallenge() throws Exception {
        String contract = Files.readString(Path.of("..", "docs", "backend-contract.md"));
        int from = contract.indexOf("```python\n", contract.indexOf("**Challenge answered.**"));
        String middleware = contract.substring(from + "```python\n".length(), contract.indexOf("```", from + 9))
                .stripIndent();
        Path app = directory("contract-middleware").resolve("app.py");
        Files.writeString(app, middleware + """

                @app.get("/health")
                async def health():
                    return {"status": "healthy", "services": {}}

                if __name__ == "__main__":
                    import uvicorn
                    uvicorn.run(app, host=os.environ["BACKEND_HOST"], port=int(os.environ["BACKEND_PORT"]))
                """);
        int port = Fixture.freePort();
        ProcessBuilder builder = new ProcessBuilder(Fixture.PYTHON.toString(), app.toString())
                .directory(app.getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(app.resolveSibling("out.log").toFile());
        builder.environment().putAll(Map.of("BACKEND_HOST", "127.0.0.1", "BACKEND_PORT", Integer.toString(port),
                "LIFELINE_SECRET", "the-runs-secret"));
        others.add(builder.start());
        Fixture.awaitAnswering(port);

        try (var challenge = new HmacOwnershipChallenge("/health", Duration.ofSeconds(5))) {
            assertThat(challenge.ask(new Endpoint("127.0.0.1", port), "the-runs-secret").toCompletableFuture().get())
                    .isEqualTo(OwnershipChallenge.Answer.PROVEN);
            assertThat(challenge.ask(new Endpoint("127.0.0.1", port), "a-guess").toCompletableFuture().get())
                    .isEqualTo(OwnershipChallenge.Answer.WRONG);
        }
    }

    @Test
    void theFixtureStartedFromACopyInAnotherFolder_isRefusedAsStale_namingBothFolders() throws Exception {
        int port = Fixture.freePort();
        Path copy = directory("older-checkout");
        Files.copy(Fixture.DIR.resolve("main.py"), copy.resolve("main.py"));
        ProcessBuilder builder = new ProcessBuilder(Fixture.PYTHON.toString(), "main.py", "--port",
                Integer.toString(port), "--host", "127.0.0.1").directory(copy.toFile()).redirectErrorStream(true)
                .redirectOutput(copy.resolve("out.log").toFile());
        builder.environment().put("BACKEND_LOG_FILE", copy.resolve("backend.log").toString());
        others.add(builder.start());
        Fixture.awaitAnswering(port);

        lifeline = LifelineCli.run(Map.of(), "start", "--port", Integer.toString(port));

        assertThat(lifeline.exitCode(LIMIT)).isEqualTo(13);
        assertThat(String.join("\n", lifeline.stderr)).contains("a stale backend answers there: stale: it runs the"
                + " configured program from " + copy + ", not from " + Fixture.DIR.toAbsolutePath().normalize());
    }

    @Test
    void aBackendReportingAnotherVersionThanExpected_isRefusedAsStale_namingBoth() throws Exception {
        int port = Fixture.freePort();
        others.add(Fixture.startByHand("healthy", port, Map.of("FIXTURE_VERSION", "1.4.0")));
        Fixture.awaitAnswering(port);

        lifeline = LifelineCli.run(Map.of(), "start", "--port", Integer.toString(port), "--expected-version",
                "1.5.0");

        assertThat(lifeline.exitCode(LIMIT)).isEqualTo(13);
        assertThat(String.join("\n", lifeline.stderr)).contains("a stale backend answers there: stale: it reports"
                + " version 1.4.0, but 1.5.0 is expected");
    }

    @Test
    void aDetachedBackend_isAttachedToAgainByItsLaunchRecord_afterItsLifelineExited() throws Exception {
        int port = Fixture.freePort();
        LifelineCli detached = LifelineCli.run(Map.of(), "start", "--detach", "--port", Integer.toString(port),
                "--run-dir", LifelineCli.RUN_DIR.toString());
        assertThat(detached.exitCode(LIMIT)).as("stdout %s", detached.stdout).isZero();
        long backend = Long.parseLong(String.join("\n", detached.stdout).replaceAll("(?s).*detached: backend pid"
                + " (\\d+).*", "$1"));
        started.add(backend);

        lifeline = LifelineCli.run(Map.of(), "start", "--port", Integer.toString(port), "--run-dir",
                LifelineCli.RUN_DIR.toString());

        var attached = lifeline.awaitLine(ATTACHED, LIMIT);
        assertThat(attached.group(2)).isEqualTo(Long.toString(backend));
        assertThat(attached.group(3)).isEqualTo("launched by Lifeline");
        lifeline.sigterm();
        assertThat(lifeline.exitCode(LIMIT)).isZero();
        LifelineCli stop = LifelineCli.run(Map.of(), "stop", "--port", Integer.toString(port), "--run-dir",
                LifelineCli.RUN_DIR.toString());
        assertThat(stop.exitCode(LIMIT)).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> !ProcessHygiene.isRunning(backend));
    }

    @Test
    void twoStartsOnOnePortAtOnce_launchOneBackend_andBothConnect() throws Exception {
        int port = Fixture.freePort();
        String runDir = Fixture.WORK.resolve("two-starts-run").toString();

        lifeline = LifelineCli.run(Map.of(), "start", "--json", "--port", Integer.toString(port), "--run-dir",
                runDir);
        second = LifelineCli.run(Map.of(), "start", "--json", "--port", Integer.toString(port), "--run-dir",
                runDir);

        Pattern connected = Pattern.compile("\"status\":\"connected\"");
        lifeline.awaitLine(connected, LIMIT);
        second.awaitLine(connected, LIMIT);
        List<JsonNode> events = new ArrayList<>();
        for (String line : concat(lifeline.stdout, second.stdout)) {
            events.add(new ObjectMapper().readTree(line));
        }
        assertThat(events).filteredOn(event -> event.get("status").asText().equals("launching")).hasSize(1);
        assertThat(events).filteredOn(event -> event.get("status").asText().equals("connected")).hasSize(2)
                .extracting(event -> event.get("pid").asLong()).containsOnly(events.stream()
                        .filter(event -> event.get("status").asText().equals("launching")).findFirst().orElseThrow()
                        .get("pid").asLong());
        assertThat(events).filteredOn(event -> event.path("attached").asBoolean())
                .singleElement().satisfies(event -> assertThat(event.get("proof").asText())
                        .isEqualTo("launched-by-lifeline"));
        second.sigterm();
        assertThat(second.exitCode(LIMIT)).isZero();
        lifeline.sigterm();
        assertThat(lifeline.exitCode(LIMIT)).isZero();
    }

    @Test
    void theRunsSecret_isInNoLogLineEventReportOrArgv() throws Exception {
        int port = Fixture.freePort();
        Path runDir = directory("secret-run");
        lifeline = LifelineCli.run(Map.of(), "start", "--json", "--port", Integer.toString(port), "--run-dir",
                runDir.toString());
        long backend = Long.parseLong(lifeline.awaitLine(Pattern.compile("\"status\":\"connected\",\"port\":\\d+,"
                + "\"pid\":(\\d+)"), LIMIT).group(1));
        JsonNode record = new ObjectMapper().readTree(runDir.resolve("backend-" + port + ".json").toFile());
        String secret = record.get("secret").asText();
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(Files.getPosixFilePermissions(runDir.resolve("backend-" + port + ".json")))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        String argv = ProcessHandle.of(backend).flatMap(handle -> handle.info().commandLine()).orElse("");
        LifelineCli status = LifelineCli.run(Map.of(), "status", "--json", "--port", Integer.toString(port),
                "--run-dir", runDir.toString());
        assertThat(status.exitCode(LIMIT)).isZero();

        lifeline.sigterm();
        assertThat(lifeline.exitCode(LIMIT)).isZero();

        assertThat(argv).isNotEmpty().doesNotContain(secret);
        assertThat(String.join("\n", concat(lifeline.stdout, lifeline.stderr))).doesNotContain(secret);
        assertThat(String.join("\n", concat(status.stdout, status.stderr))).doesNotContain(secret)
                .contains("ours: launched by Lifeline");
        assertThat(Files.readString(LifelineCli.LOG_DIR.resolve("lifeline.log"))).doesNotContain(secret);
        assertThat(runDir.resolve("backend-" + port + ".json")).as("removed when the run ended").doesNotExist();
    }

    // ---- helpers ----

    /** A squatter on a port of its own that passes the challenge it gets to {@code port} and returns the proof. */
    private Endpoint relayOfTheChallengeTo(int port) throws IOException {
        HttpServer squatter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        squatter.createContext("/health", exchange -> {
            HttpURLConnection relayed = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL()
                    .openConnection(Proxy.NO_PROXY);
            relayed.setRequestProperty(HmacOwnershipChallenge.CHALLENGE_HEADER,
                    exchange.getRequestHeaders().getFirst(HmacOwnershipChallenge.CHALLENGE_HEADER));
            relayed.getResponseCode();
            String proof = relayed.getHeaderField(HmacOwnershipChallenge.PROOF_HEADER);
            relayed.disconnect();
            if (proof != null) {
                exchange.getResponseHeaders().add(HmacOwnershipChallenge.PROOF_HEADER, proof);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        squatter.start();
        relays.add(squatter);
        return new Endpoint("127.0.0.1", squatter.getAddress().getPort());
    }

    private static JsonNode healthField(int port, String field) throws IOException {
        HttpURLConnection health = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL()
                .openConnection(Proxy.NO_PROXY);
        try (var body = health.getInputStream()) {
            return new ObjectMapper().readTree(body).get(field);
        } finally {
            health.disconnect();
        }
    }

    private Process webServer(Path site, int port) throws IOException {
        Process server = new ProcessBuilder(Fixture.PYTHON.toString(), "-m", "http.server", Integer.toString(port),
                "--bind", "127.0.0.1").directory(site.toFile()).redirectErrorStream(true)
                .redirectOutput(site.resolve("server.log").toFile()).start();
        others.add(server);
        await("web server listens").atMost(LIMIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        return socket.isConnected();
                    }
                });
        return server;
    }

    private static Path directory(String name) throws IOException {
        Path dir = Fixture.WORK.resolve("ownership").resolve(name);
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return Files.createDirectories(dir).toAbsolutePath();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
