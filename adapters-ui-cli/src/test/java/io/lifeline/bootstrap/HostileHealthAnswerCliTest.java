package io.lifeline.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.lifeline.adapter.cli.command.Console;
import io.lifeline.adapter.cli.command.LifelineCommand;
import io.lifeline.adapter.cli.testing.LifelineDirs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lifeline status}, wired for real, against a server on a real socket whose health answer carries an OSC
 * title sequence, a BEL and a newline that would forge a line: the terminal gets them only as visible escapes.
 */
class HostileHealthAnswerCliTest {

    /** {@code service} and a service name hold ESC ] 0 ; owned BEL, a newline, a forged line, CR and U+202E. */
    private static final String ANSWER = """
            {"status": "degraded", "service": "\\u001b]0;owned\\u0007\\nbackend 127.0.0.1:1: healthy\\r",
             "pid": 4242, "version": "1.0\\u001b[2J",
             "services": {"database\\u001b[31m\\n  forged     healthy": "degraded\\u0007\\u202e"}}
            """;

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HttpServer server;

    @BeforeEach
    void serveTheHostileAnswer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopTheServer() {
        server.stop(0);
    }

    private int status(String... more) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> args = new java.util.ArrayList<>(List.of("status", "--host", "127.0.0.1",
                "--port", Integer.toString(server.getAddress().getPort()),
                "--run-dir", root.resolve("run").toString(), "--log-dir", root.resolve("logs").toString()));
        args.addAll(List.of(more));
        String[] argv = args.toArray(String[]::new);
        return LifelineCommand.commandLine(new CommandFactory(LifelineDirs.under(root).loader(), console), console,
                argv).execute(argv);
    }

    @Test
    void givenAHostileHealthAnswer_whenStatusPrintsIt_thenNoControlCharacterAndNoForgedLine() {
        // The service name is not the expected one: a foreign answer, status down (23), still printed in full.
        int code = status();

        byte[] written = (out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(code).as(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                .isEqualTo(23);
        assertThat(written).doesNotContain(0x1b).doesNotContain(0x07).doesNotContain('\r');
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(stdout).doesNotContain("\u202e").contains("\\u001b]0;owned\\u0007\\n")
                .contains("database\\u001b[31m\\n  forged     healthy");
        assertThat(stdout.lines()).noneMatch(line -> line.startsWith("backend 127.0.0.1:1"))
                .noneMatch(line -> line.startsWith("  forged"));
    }

    @Test
    void givenAHostileHealthAnswer_whenStatusPrintsJson_thenOneValidLineKeepingTheValuesAsSent() throws Exception {
        int code = status("--json");

        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(stdout + err.toString(StandardCharsets.UTF_8)).isEqualTo(23);
        assertThat(stdout.getBytes(StandardCharsets.UTF_8)).doesNotContain(0x1b).doesNotContain(0x07)
                .doesNotContain('\r');
        assertThat(stdout).doesNotContain("\u202e");
        assertThat(stdout.lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertThat(json.path("services").path("database\u001b[31m\n  forged     healthy").asText())
                .isEqualTo("degraded\u0007\u202e");
    }
}
