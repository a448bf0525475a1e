package io.lifeline.bootstrap;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The build's training run for the class-data-sharing archive the launcher uses ({@code lifeline.jsa}): it runs the
 * commands a user runs most, in one JVM started with {@code -XX:ArchiveClassesAtExit}, so the classes on their
 * paths are archived. Everything it writes stays in the folder given as its argument; it starts only {@code sh} and
 * Python backends that exit at once, and answers health itself on an ephemeral loopback port. ({@code --version}
 * does not need picocli, whose classes cannot be archived anyway: they are compiled for Java 5.)
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(work);
        // The build's own environment or a user's configuration must not send a training command elsewhere.
        List<String> dirs = List.of("--run-dir", work.resolve("run").toString(), "--log-dir", work.toString(),
                "--host", "127.0.0.1");
        run(Set.of(0), List.of("--help"));
        run(Set.of(0), with(dirs, "config"));
        run(Set.of(23), with(dirs, "status", "--port", String.valueOf(freePort())));
        // Launches whose backend exits at once: spawn, output capture, exit classification, the failure report,
        // the JSON events; the second finds a Python interpreter as the bundled backend's start does (10: none here).
        run(Set.of(15), with(dirs, "start", "--json", "--port", String.valueOf(freePort()), "--max-attempts", "1",
                "--command", "sh -c 'echo training; exit 3'"));
        run(Set.of(15, 10), with(dirs, "start", "--port", String.valueOf(freePort()), "--max-attempts", "1",
                "--command", "{python} -c 'import sys; print(\"training\"); sys.exit(3)'"));
        HttpServer backend = healthyBackend();
        try {
            String port = String.valueOf(backend.getAddress().getPort());
            run(Set.of(0), with(dirs, "status", "--port", port, "--json"));
            run(Set.of(0), with(dirs, "start", "--port", port, "--attach", "healthy", "--detach"));
        } finally {
            backend.stop(0);
        }
    }

    /**
     * Runs one command with its output captured. One that ends otherwise than expected (a user's configuration can do
     * that) only makes the archive smaller, so it is a warning with the command's output, not a failed build.
     */
    private static void run(Set<Integer> expected, List<String> args) {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try (PrintStream captured = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            System.setOut(captured);
            System.setErr(captured);
            code = LifelineMain.run(args.toArray(String[]::new));
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
        if (!expected.contains(code)) {
            System.err.println("[WARNING] CDS training: 'lifeline " + String.join(" ", args) + "' exited " + code
                    + ", expected " + expected + "; the archive will hold fewer classes. Its output:");
            System.err.println(output.toString(StandardCharsets.UTF_8));
        }
    }

    private static List<String> with(List<String> dirs, String command, String... options) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.addAll(dirs);
        args.addAll(List.of(options));
        return args;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static HttpServer healthyBackend() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = ("{\"status\":\"healthy\",\"service\":\"lifeline-fixture\",\"pid\":" + ProcessHandle.current().pid()
                + ",\"services\":{\"cache\":\"healthy\",\"websocket\":\"healthy\",\"database\":\"healthy\"}}")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/health", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
