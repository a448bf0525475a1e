package io.lifeline.adapter.cli.export;

import com.sun.net.httpserver.HttpServer;
import io.lifeline.adapter.cli.config.HealthContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The check command with text beyond ASCII, run for real in Python and Node: a service name beyond U+FFFF (one code
 * point, not two halves of a surrogate pair) and a health path with accented letters (sent percent-encoded) are what
 * Lifeline itself accepts.
 */
class CheckCommandTextTest {

    private static final String SERVICE = "caf\u00e9\uD83D\uDE00";
    private static final String PATH = "/sant\u00e9";

    private HttpServer server;
    private final AtomicReference<String> asked = new AtomicReference<>();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            asked.set(exchange.getRequestURI().getRawPath());
            byte[] body = ("{\"status\":\"healthy\",\"service\":\"" + SERVICE + "\",\"services\":{}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals(PATH) ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @ParameterizedTest
    @EnumSource(value = DeployedBackend.Runtime.class, names = {"PYTHON", "NODE"})
    void aServiceNameBeyondUffffAndAnAccentedPath_areAskedAndMatchedAsLifelineDoes(DeployedBackend.Runtime runtime)
            throws Exception {
        String program = runtime == DeployedBackend.Runtime.PYTHON ? "python3" : "node";
        assumeTrue(onPath(program), program + " is not on PATH");
        DeployedBackend backend = ExportTestData.api().withCheck(new HealthCheck(HealthContract.LIFELINE, PATH,
                List.of(), Optional.of(SERVICE), false, Optional.empty()));
        backend = withPort(backend, server.getAddress().getPort());

        assertThat(run(CheckCommand.of(backend, runtime, program, "127.0.0.1").orElseThrow())).isZero();
        assertThat(asked.get()).isEqualTo("/sant%C3%A9");

        DeployedBackend other = backend.withCheck(new HealthCheck(HealthContract.LIFELINE, PATH, List.of(),
                Optional.of("caf\u00e9\uD83D\uDE01"), false, Optional.empty()));
        assertThat(run(CheckCommand.of(other, runtime, program, "127.0.0.1").orElseThrow()))
                .as("another name, one code point apart, is refused").isEqualTo(1);
    }

    private static DeployedBackend withPort(DeployedBackend backend, int port) {
        return new DeployedBackend(backend.name(), backend.command(), backend.workingDir(), backend.env(),
                backend.secretEnv(), new io.lifeline.domain.model.Endpoint("127.0.0.1", port), true, false,
                backend.check(), backend.timeouts(), backend.retry(), backend.supervision(), backend.stopGrace(),
                List.of(), Optional.empty(), backend.image(), Optional.empty());
    }

    private static int run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program)));
    }
}
