package io.lifeline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Lifeline's start against the bare backend and the seed's own algorithm, side by side in one run, on the real
 * fixture: {@code mvn -Pbench -pl it-tests -am verify}. It prints a table and writes
 * {@code it-tests/target/bench/results.json}; it asserts nothing about time (the machine is noisy), only that every
 * round reached its end state. Not part of {@code mvn verify}.
 */
class StartupBenchmark {

    private static final Path FIXTURE = Path.of(System.getProperty("lifeline.fixture.dir", "../fixture-backend"))
            .toAbsolutePath().normalize();
    private static final Path PYTHON = FIXTURE.resolve("target/venv/bin/python");
    private static final Path JAR = Path.of(System.getProperty("lifeline.jar",
            "../adapters-ui-cli/target/lifeline.jar")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of(System.getProperty("lifeline.it.work", "target/it-work"))
            .toAbsolutePath().resolve("bench");
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 9);
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void startSideBySide() throws Exception {
        Files.createDirectories(WORK);
        Map<String, List<Double>> figures = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            // Interleaved, so drift on a noisy machine hits each column alike.
            double bare = bareBoot();
            double seed = seedAlgorithm();
            double lifeline = lifelineStart();
            add(figures, "bare backend boot (spawn to first 200 on /health), ms", bare);
            add(figures, "seed algorithm (500 ms poll), start to connected, ms", seed);
            add(figures, "lifeline start, start to connected, ms", lifeline);
            add(figures, "seed / bare boot, per round", seed / bare);
            add(figures, "lifeline / bare boot, per round", lifeline / bare);
            add(figures, "lifeline start, permanent cause (missing module) to exit, ms", permanentCause());
            add(figures, "lifeline status, one probe, wall ms", statusWallTime());
            add(figures, "lifeline --version, wall ms", versionWallTime());
        }
        print(figures);
        write(figures);
    }

    // ---- the columns ----

    /** The backend alone: spawn until its first 200 on /health, polling every 5 ms. */
    private static double bareBoot() throws Exception {
        int port = freePort();
        long start = System.nanoTime();
        Process backend = fixture(port, "healthy");
        try {
            awaitHealthy(port, Duration.ofMillis(5), Duration.ofSeconds(1));
            return millisSince(start);
        } finally {
            end(backend);
        }
    }

    /** The seed's algorithm in Java: spawn, then one probe every 500 ms (5 s timeout) until all services healthy. */
    private static double seedAlgorithm() throws Exception {
        int port = freePort();
        long start = System.nanoTime();
        Process backend = fixture(port, "healthy");
        try {
            awaitHealthy(port, Duration.ofMillis(500), Duration.ofSeconds(5));
            return millisSince(start);
        } finally {
            end(backend);
        }
    }

    private static double lifelineStart() throws Exception {
        int port = freePort();
        long start = System.nanoTime();
        Process lifeline = lifeline(Map.of(), "start", "--json", "--port", Integer.toString(port));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(lifeline.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.contains("\"status\":\"connected\"")) {
                    return millisSince(start);
                }
            }
            throw new AssertionError("lifeline ended without connecting");
        } finally {
            lifeline.toHandle().destroy();
            if (!lifeline.waitFor(30, TimeUnit.SECONDS)) {
                lifeline.destroyForcibly();
            }
        }
    }

    private static double permanentCause() throws Exception {
        long start = System.nanoTime();
        Process lifeline = lifeline(Map.of("FIXTURE_SCENARIO", "missing-dependency"), "start", "--port",
                Integer.toString(freePort()));
        exitCode(lifeline, 11);
        return millisSince(start);
    }

    private static double statusWallTime() throws Exception {
        int port = freePort();
        Process backend = fixture(port, "healthy");
        try {
            awaitHealthy(port, Duration.ofMillis(5), Duration.ofSeconds(1));
            long start = System.nanoTime();
            exitCode(lifeline(Map.of(), "status", "--port", Integer.toString(port)), 0);
            return millisSince(start);
        } finally {
            end(backend);
        }
    }

    private static double versionWallTime() throws Exception {
        long start = System.nanoTime();
        exitCode(lifeline(Map.of(), "--version"), 0);
        return millisSince(start);
    }

    // ---- processes ----

    private static Process fixture(int port, String scenario) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "main.py", "--port", Integer.toString(port),
                "--host", "127.0.0.1").directory(FIXTURE.toFile()).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("fixture.out").toFile());
        builder.environment().put("FIXTURE_SCENARIO", scenario);
        builder.environment().put("BACKEND_LOG_FILE", WORK.resolve("backend.log").toString());
        return builder.start();
    }

    /** The launcher's way: the same JVM flags as the {@code lifeline} script. */
    private static Process lifeline(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xss512k",
                "-Dlifeline.home=" + FIXTURE.getParent(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        if (args.length > 0 && !args[0].startsWith("-")) {
            command.addAll(List.of("--log-dir", WORK.resolve("logs").toString(), "--run-dir",
                    WORK.resolve("run").toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile())
                .redirectError(WORK.resolve("lifeline.err").toFile());
        builder.environment().putAll(env);
        builder.environment().put("BACKEND_LOG_FILE", WORK.resolve("backend.log").toString());
        return builder.start();
    }

    private static void exitCode(Process process, int expected) throws Exception {
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not end within " + LIMIT);
        }
        if (process.exitValue() != expected) {
            throw new AssertionError("exit " + process.exitValue() + ", expected " + expected);
        }
    }

    private static void end(Process process) throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitHealthy(int port, Duration interval, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health")
                        .toURL().openConnection();
                connection.setConnectTimeout((int) timeout.toMillis());
                connection.setReadTimeout((int) timeout.toMillis());
                int code = connection.getResponseCode();
                String body = new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (code == 200 && body.contains("\"status\":\"healthy\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // Refused or not ready: poll again.
            }
            Thread.sleep(interval.toMillis());
        }
        throw new AssertionError("port " + port + " never healthy");
    }

    // ---- figures ----

    private static void add(Map<String, List<Double>> figures, String name, double value) {
        figures.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void print(Map<String, List<Double>> figures) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-66s %9s %9s %9s%n", "figure (" + ROUNDS + " rounds)", "p50", "p95",
                "min");
        figures.forEach((name, values) -> System.out.printf(Locale.ROOT, "%-66s %9.2f %9.2f %9.2f%n", name,
                percentile(values, 0.5), percentile(values, 0.95), percentile(values, 0.0)));
    }

    private static void write(Map<String, List<Double>> figures) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("rounds", ROUNDS);
        document.put("java", System.getProperty("java.version"));
        document.put("cores", Runtime.getRuntime().availableProcessors());
        Map<String, Object> table = new LinkedHashMap<>();
        figures.forEach((name, values) -> table.put(name, Map.of("p50", percentile(values, 0.5), "p95",
                percentile(values, 0.95), "values", values)));
        document.put("figures", table);
        Path out = Path.of("target", "bench", "results.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), document);
        System.out.println("written: " + out.toAbsolutePath());
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000.0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
