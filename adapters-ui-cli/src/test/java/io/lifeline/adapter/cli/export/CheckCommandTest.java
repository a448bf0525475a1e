package io.lifeline.adapter.cli.export;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.lifeline.adapter.cli.config.HealthContract;
import io.lifeline.adapter.http.HealthAnswerReader;
import io.lifeline.adapter.http.HealthRequest;
import io.lifeline.adapter.http.HttpHealthProbe;
import io.lifeline.adapter.http.IetfHealthReader;
import io.lifeline.adapter.http.SpringActuatorReader;
import io.lifeline.adapter.http.StatusCodeHealthReader;
import io.lifeline.adapter.http.TcpHealthProbe;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.SupervisionPolicy;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.HealthProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The checks an export runs inside the image, run for real with this machine's {@code python3} and {@code node}:
 * each exits 0 exactly when Lifeline's own probe and acceptance accept the same answer. Hostile answers come from
 * WireMock; the bundled fixture answers as itself in its scenarios.
 */
class CheckCommandTest {

    private static final String PATH = "/health";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Path FIXTURE = Path.of("../fixture-backend").toAbsolutePath().normalize();
    private static final Path FIXTURE_PYTHON = FIXTURE.resolve("target/venv/bin/python");
    private static final String HEALTHY_FIXTURE = "{\"status\":\"healthy\",\"service\":\"lifeline-fixture\","
            + "\"services\":{\"cache\":\"healthy\",\"database\":\"healthy\",\"websocket\":\"healthy\"}}";

    private static WireMockServer server;

    @BeforeAll
    static void startWireMock() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterAll
    static void stopWireMock() {
        server.stop();
    }

    /** An answer, the check that reads it, and whether Lifeline accepts it. */
    record Case(String answer, HealthCheck check, int status, String body, boolean accepted) {
        @Override
        public String toString() {
            return check.contract().label() + (check.acceptDegraded() ? " accepting degraded" : "") + ": " + answer
                    + (accepted ? " is ready" : " is not ready");
        }
    }

    static HealthCheck lifeline(boolean acceptDegraded) {
        HealthCheck check = ExportTestData.lifelineJson();
        return new HealthCheck(check.contract(), PATH, check.requiredServices(), check.expectedService(),
                acceptDegraded, Optional.empty());
    }

    static HealthCheck named(HealthContract contract, List<String> required, Optional<String> expected,
                             boolean acceptDegraded) {
        return new HealthCheck(contract, PATH, required, expected, acceptDegraded, Optional.empty());
    }

    static Stream<Case> hostileAnswers() {
        HealthCheck strict = lifeline(false);
        HealthCheck lenient = lifeline(true);
        HealthCheck lifelineNoServices = named(HealthContract.LIFELINE, List.of(), Optional.empty(), false);
        HealthCheck ietf = named(HealthContract.IETF, List.of("db"), Optional.of("api"), false);
        HealthCheck ietfLenient = named(HealthContract.IETF, List.of("db"), Optional.of("api"), true);
        HealthCheck spring = named(HealthContract.SPRING, List.of("db"), Optional.empty(), false);
        HealthCheck springNoServices = named(HealthContract.SPRING, List.of(), Optional.empty(), false);
        HealthCheck statusCode = named(HealthContract.STATUS_CODE, List.of(), Optional.empty(), false);
        String degraded = "{\"status\":\"degraded\",\"service\":\"lifeline-fixture\",\"services\":{\"cache\":"
                + "\"healthy\",\"database\":\"degraded\",\"websocket\":\"healthy\"}}";
        return Stream.of(
                new Case("healthy", strict, 200, HEALTHY_FIXTURE, true),
                new Case("healthy in capitals", strict, 200, HEALTHY_FIXTURE.replace("\"healthy\"", "\"HEALTHY\""),
                        true),
                new Case("healthy without a service name", strict, 200,
                        HEALTHY_FIXTURE.replace("\"service\":\"lifeline-fixture\",", ""), true),
                new Case("healthy with a null service name", strict, 200,
                        HEALTHY_FIXTURE.replace("\"lifeline-fixture\"", "null"), true),
                new Case("degraded", strict, 200, degraded, false),
                new Case("degraded", lenient, 200, degraded, true),
                new Case("unhealthy overall, every service healthy", strict, 200,
                        HEALTHY_FIXTURE.replaceFirst("\"healthy\"", "\"unhealthy\""), false),
                new Case("another service's name", strict, 200,
                        HEALTHY_FIXTURE.replace("lifeline-fixture", "impostor"), false),
                new Case("not JSON", strict, 200, "<html>ok</html>", false),
                new Case("healthy with HTTP 503", strict, 503, HEALTHY_FIXTURE, false),
                new Case("a required service missing", strict, 200,
                        HEALTHY_FIXTURE.replace(",\"websocket\":\"healthy\"", ""), false),
                new Case("services as a list", lifelineNoServices, 200,
                        "{\"status\":\"healthy\",\"services\":[\"cache\"]}", false),
                new Case("no services field", lifelineNoServices, 200, "{\"status\":\"healthy\"}", false),
                new Case("a service that is a number", strict, 200,
                        HEALTHY_FIXTURE.replace("}}", ",\"queue\":1}}"), false),
                new Case("NaN in a field", strict, 200, HEALTHY_FIXTURE.replace("}}", "},\"load\":NaN}"), false),
                new Case("healthy padded past 64 KiB", strict, 200, HEALTHY_FIXTURE + " ".repeat(70_000), false),
                new Case("pass", ietf, 200, "{\"status\":\"pass\",\"serviceId\":\"api\",\"checks\":{\"db\":"
                        + "[{\"status\":\"pass\"}]}}", true),
                new Case("pass, db warn", ietf, 200, "{\"status\":\"pass\",\"checks\":{\"db\":[{\"status\":"
                        + "\"pass\"},{\"status\":\"warn\"}]}}", false),
                new Case("pass, db warn", ietfLenient, 200, "{\"status\":\"pass\",\"checks\":{\"db\":[{\"status\":"
                        + "\"pass\"},{\"status\":\"warn\"}]}}", true),
                new Case("fail with HTTP 503", ietf, 503, "{\"status\":\"fail\",\"checks\":{\"db\":[{\"status\":"
                        + "\"fail\"}]}}", false),
                new Case("pass without db", ietf, 200, "{\"status\":\"pass\",\"checks\":{}}", false),
                new Case("pass, db an empty list", ietf, 200, "{\"status\":\"pass\",\"checks\":{\"db\":[]}}",
                        false),
                new Case("a word it does not know", ietf, 200, "{\"status\":\"green\",\"checks\":{\"db\":"
                        + "[{\"status\":\"pass\"}]}}", false),
                new Case("another serviceId", ietf, 200, "{\"status\":\"pass\",\"serviceId\":\"other\",\"checks\":"
                        + "{\"db\":[{\"status\":\"pass\"}]}}", false),
                new Case("UP", spring, 200, "{\"status\":\"UP\",\"components\":{\"db\":{\"status\":\"UP\"}}}",
                        true),
                new Case("UP, db DOWN", spring, 200, "{\"status\":\"UP\",\"components\":{\"db\":{\"status\":"
                        + "\"DOWN\"}}}", false),
                new Case("DOWN with HTTP 503", spring, 503, "{\"status\":\"DOWN\"}", false),
                new Case("UP without components", spring, 200, "{\"status\":\"UP\"}", false),
                new Case("UP without components", springNoServices, 200, "{\"status\":\"UP\"}", true),
                new Case("a custom status", springNoServices, 200, "{\"status\":\"PARTIAL\"}", false),
                new Case("HTTP 200", statusCode, 200, "anything", true),
                new Case("HTTP 204", statusCode, 204, "", true),
                new Case("HTTP 503", statusCode, 503, "", false),
                new Case("HTTP 404", statusCode, 404, "", false),
                new Case("HTTP 200 past 64 KiB", statusCode, 200, "x".repeat(70_000), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileAnswers")
    void theCheckExitsZeroExactlyWhenLifelineAccepts(Case answer) throws Exception {
        server.resetAll();
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(answer.status())
                .withBody(answer.body())));
        DeployedBackend backend = backendOn(server.port(), answer.check());

        assertThat(lifelineAccepts(backend)).as("Lifeline's own verdict").isEqualTo(answer.accepted());
        assertThat(checkAccepts(backend, DeployedBackend.Runtime.PYTHON)).as("python").isEqualTo(answer.accepted());
        Optional<Boolean> node = nodeAccepts(backend);
        if (answer.check().contract() == HealthContract.LIFELINE || answer.check().statusCodeOnly()) {
            assertThat(node).as("node").contains(answer.accepted());
        } else {
            assertThat(node).as("no node check for " + answer.check().contract()).isEmpty();
        }
    }

    @Test
    void aRedirectIsNotFollowed_asLifelineFollowsNone() throws Exception {
        server.resetAll();
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(302).withHeader("Location", "/ok")));
        server.stubFor(get(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200).withBody(HEALTHY_FIXTURE)));
        for (HealthCheck check : List.of(lifeline(false), named(HealthContract.STATUS_CODE, List.of(),
                Optional.empty(), false))) {
            DeployedBackend backend = backendOn(server.port(), check);

            assertThat(lifelineAccepts(backend)).isFalse();
            assertThat(checkAccepts(backend, DeployedBackend.Runtime.PYTHON)).isFalse();
            assertThat(nodeAccepts(backend)).contains(false);
        }
    }

    @Test
    void tcp_acceptsAListeningPort_andRefusesAClosedOne() throws Exception {
        HealthCheck tcp = ExportTestData.contract(HealthContract.TCP);
        DeployedBackend listening = backendOn(server.port(), tcp);
        DeployedBackend closed = backendOn(closedPort(), tcp);

        assertThat(lifelineAccepts(listening)).isTrue();
        assertThat(checkAccepts(listening, DeployedBackend.Runtime.PYTHON)).isTrue();
        assertThat(nodeAccepts(listening)).contains(true);
        assertThat(lifelineAccepts(closed)).isFalse();
        assertThat(checkAccepts(closed, DeployedBackend.Runtime.PYTHON)).isFalse();
        assertThat(nodeAccepts(closed)).contains(false);
    }

    static Stream<Arguments> fixtureScenarios() {
        return Stream.of(
                Arguments.of("healthy", lifeline(false), true),
                Arguments.of("degraded", lifeline(false), false),
                Arguments.of("degraded", lifeline(true), true),
                Arguments.of("unhealthy", lifeline(true), false),
                Arguments.of("impostor", lifeline(false), false),
                Arguments.of("malformed", lifeline(false), false),
                Arguments.of("malformed-types", lifeline(false), false),
                Arguments.of("unhealthy", named(HealthContract.STATUS_CODE, List.of(), Optional.empty(), false),
                        true));
    }

    @ParameterizedTest(name = "the fixture in scenario {0}, {1}: ready {2}")
    @MethodSource("fixtureScenarios")
    void againstTheBundledFixture_theCheckAgreesWithLifeline(String scenario, HealthCheck check, boolean accepted,
                                                             @TempDir Path temp) throws Exception {
        assumeTrue(Files.isExecutable(FIXTURE_PYTHON), "the fixture's venv is missing at " + FIXTURE_PYTHON
                + "; build it with: mvn -pl fixture-backend generate-resources");
        int port = closedPort();
        ProcessBuilder builder = new ProcessBuilder(FIXTURE_PYTHON.toString(), "main.py", "--port",
                Integer.toString(port), "--host", "127.0.0.1")
                .directory(FIXTURE.toFile()).redirectErrorStream(true).redirectOutput(temp.resolve("out").toFile());
        builder.environment().put("FIXTURE_SCENARIO", scenario);
        builder.environment().put("BACKEND_LOG_FILE", temp.resolve("backend.log").toString());
        Process fixture = builder.start();
        fixture.getOutputStream().close();
        try {
            awaitListening(fixture, port);
            DeployedBackend backend = backendOn(port, check);

            assertThat(lifelineAccepts(backend)).as("Lifeline's own verdict").isEqualTo(accepted);
            assertThat(checkAccepts(backend, DeployedBackend.Runtime.PYTHON)).as("python").isEqualTo(accepted);
            assertThat(nodeAccepts(backend)).as("node").contains(accepted);
        } finally {
            fixture.destroy();
            if (!fixture.waitFor(10, TimeUnit.SECONDS)) {
                fixture.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static DeployedBackend backendOn(int port, HealthCheck check) {
        return new DeployedBackend(ExportTestData.API, List.of("{python}", "main.py"), ExportTestData.APP,
                new TreeMap<>(), new TreeSet<>(), new Endpoint("127.0.0.1", port), true, false, check,
                TimeoutPolicy.DEFAULT.withProbeTimeout(TIMEOUT), RetryPolicy.DEFAULT, SupervisionPolicy.DEFAULT,
                StartBackendCommand.DEFAULT_STOP_GRACE, List.of(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** What {@code start} decides: the probe of the backend's contract, judged by its acceptance. */
    private static boolean lifelineAccepts(DeployedBackend backend) throws Exception {
        HealthCheck check = backend.check();
        HealthProbe probe = switch (check.contract()) {
            case LIFELINE -> http(check, HealthAnswerReader.lifelineJson());
            case STATUS_CODE -> http(check, StatusCodeHealthReader.any2xx());
            case IETF -> http(check, new IetfHealthReader());
            case SPRING -> http(check, new SpringActuatorReader());
            case TCP, NONE -> new TcpHealthProbe(Executors.defaultThreadFactory());
        };
        try {
            HealthObservation observation = probe.probe(backend.endpoint(), new CorrelationId("check-command-test"),
                    TIMEOUT).toCompletableFuture().get(10, TimeUnit.SECONDS);
            HealthAcceptance acceptance = new HealthAcceptance(new HashSet<>(check.requiredServices()),
                    check.acceptDegraded(), check.expectedService());
            return acceptance.accepts(acceptance.evaluate(observation));
        } finally {
            ((AutoCloseable) probe).close();
        }
    }

    private static HttpHealthProbe http(HealthCheck check, HealthAnswerReader reader) {
        return new HttpHealthProbe(HealthRequest.at(check.path()), Executors.defaultThreadFactory(), reader);
    }

    private static boolean checkAccepts(DeployedBackend backend, DeployedBackend.Runtime runtime) throws Exception {
        String program = runtime == DeployedBackend.Runtime.PYTHON ? "python3" : "node";
        List<String> command = CheckCommand.of(backend, runtime, program, "127.0.0.1").orElseThrow();
        return run(command) == 0;
    }

    private static Optional<Boolean> nodeAccepts(DeployedBackend backend) throws Exception {
        Optional<List<String>> command = CheckCommand.of(backend, DeployedBackend.Runtime.NODE, "node", "127.0.0.1");
        if (command.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(run(command.get()) == 0);
    }

    private static int run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the check did not end within 20s: " + command);
        }
        return process.exitValue();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(Process fixture, int port) {
        Awaitility.await("the fixture listens on " + port).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    assertThat(fixture.isAlive()).as("the fixture runs").isTrue();
                    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        return true;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }
}
