package io.lifeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lifeline.bench.LifelineEvents.Event;
import io.lifeline.bench.ProcUsage.Usage;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Lifeline's start against the bare backend and the seed's own algorithm, side by side in one run, on the real
 * fixture: {@code mvn -Pbench -pl it-tests -am verify}. It prints a table and writes
 * {@code it-tests/target/bench/results.json}; it asserts nothing about time (the machine is noisy), only that every
 * round reached its end state. Not part of {@code mvn verify}.
 *
 * <p>Per round (interleaved): the fixture's {@code slow-start} with one random delay in [0, 0.5) s for the bare,
 * seed and lifeline columns alike (so the seed's 500 ms poll phase varies), the readiness lag of each, the
 * permanent cause, status and --version, and a crash on every attempt against its floor. Once per run: Lifeline
 * idle while supervising ({@code bench.idleSeconds}, default 60) and an output flood ({@code bench.floodSeconds},
 * default 15). {@code bench.seed} repeats a run's delays.
 */
class StartupBenchmark {

    private static final Path FIXTURE = Path.of(System.getProperty("lifeline.fixture.dir", "../fixture-backend"))
            .toAbsolutePath().normalize();
    private static final Path PYTHON = FIXTURE.resolve("target/venv/bin/python");
    private static final Path LAUNCHER = FIXTURE.getParent().resolve("lifeline");
    private static final Path WORK = Path.of(System.getProperty("lifeline.it.work", "target/it-work"))
            .toAbsolutePath().resolve("bench");
    private static final Path LOGS = WORK.resolve("logs");
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 9);
    private static final int IDLE_SECONDS = Integer.getInteger("bench.idleSeconds", 60);
    private static final int FLOOD_SECONDS = Integer.getInteger("bench.floodSeconds", 15);
    private static final long SEED = Long.getLong("bench.seed", System.nanoTime());
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** Slow-start delays are drawn from [0, this) milliseconds. */
    private static final int MAX_DELAY_MS = 500;
    /** uvicorn's line once it listens; the fixture logs it with its own timestamp. */
    private static final String RUNNING_ON = "Uvicorn running on";
    /** The fixture's log time ({@code %(asctime)s}); every process here runs with {@code TZ=UTC}. */
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    /** The default retry: 3 attempts, waits of retryDelay 2 s, then doubled. */
    private static final int CRASH_ATTEMPTS = 3;
    private static final double CRASH_WAITS_MS = 2_000 + 4_000;
    private static final int EXIT_BACKEND_CRASHED = 3;
    private static final int EXIT_EXITED_DURING_STARTUP = 15;
    private static final int EXIT_MISSING_PACKAGES = 11;
    private static final int FLOOD_LINE_BYTES = 100;

    /** Every process this benchmark started (and the backends Lifeline reported), to make sure none outlives it. */
    private static final List<ProcessHandle> STARTED = new CopyOnWriteArrayList<>();
    private static final List<String> NOTES = new CopyOnWriteArrayList<>();

    record BareBoot(double bootMs, double readinessLagMs) {
    }

    record LifelineStart(double connectedMs, double readinessLagMs) {
    }

    /** What {@code flood.py} reports when its flood is over. */
    record FloodReport(long lines, double seconds, double rate, long healthRequests) {
    }

    @Test
    void startSideBySide() throws Exception {
        Files.createDirectories(WORK);
        Random random = new Random(SEED);
        Map<String, List<Double>> figures = new LinkedHashMap<>();
        Map<String, Double> once = new LinkedHashMap<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                round(figures, random.nextInt(MAX_DELAY_MS) / 1000.0);
            }
            idleSupervision(once);
            flood(once);
        } finally {
            sweep();
        }
        print(figures, once);
        write(figures, once);
    }

    /** One round; interleaved, so drift on a noisy machine hits each column alike. */
    private static void round(Map<String, List<Double>> figures, double delay) throws Exception {
        BareBoot bare = bareBoot(delay);
        double seed = seedAlgorithm(delay);
        LifelineStart lifeline = lifelineStart(delay);
        add(figures, "slow-start delay this round (random in [0, 0.5) s), ms", delay * 1000);
        add(figures, "bare backend boot (spawn to first 200 on /health), ms", bare.bootMs());
        add(figures, "seed algorithm (500 ms poll), start to connected, ms", seed);
        add(figures, "lifeline start, start to connected, ms", lifeline.connectedMs());
        add(figures, "seed / bare boot, per round", seed / bare.bootMs());
        add(figures, "lifeline / bare boot, per round", lifeline.connectedMs() / bare.bootMs());
        add(figures, "readiness lag, lifeline (connected minus 'Uvicorn running on'), ms", lifeline.readinessLagMs());
        add(figures, "readiness lag, bare (first 200 minus 'Uvicorn running on'), ms", bare.readinessLagMs());
        add(figures, "readiness lag, lifeline minus bare, per round, ms",
                lifeline.readinessLagMs() - bare.readinessLagMs());
        add(figures, "lifeline start, permanent cause (missing module) to exit, ms", permanentCause());
        add(figures, "lifeline status, one probe, wall ms", statusWallTime());
        add(figures, "lifeline --version, wall ms", versionWallTime());
        double bareCrash = bareCrash();
        double crash = crashOnEveryAttempt();
        double floor = CRASH_WAITS_MS + CRASH_ATTEMPTS * bareCrash;
        add(figures, "bare fixture crash (spawn of main.py, scenario crash, to exit), ms", bareCrash);
        add(figures, "lifeline start, crash on every attempt (3, waits 2 s + 4 s) to exit, ms", crash);
        add(figures, "crash floor (6 s of waits + 3 x bare crash), ms", floor);
        add(figures, "crash: lifeline minus floor, per round, ms", crash - floor);
    }

    // ---- the columns ----

    /**
     * The backend alone: spawn until its first 200 on /health, polling every 5 ms; and its own readiness lag, from
     * the moment its "Uvicorn running on" line arrives on the pipe to that first 200.
     */
    private static BareBoot bareBoot(double delay) throws Exception {
        int port = freePort();
        AtomicLong runningOn = new AtomicLong();
        long start = System.nanoTime();
        Process backend = start(fixture(port, "slow-start", delay).redirectOutput(ProcessBuilder.Redirect.PIPE));
        onEachLine(backend.getInputStream(), line -> {
            if (line.contains(RUNNING_ON)) {
                runningOn.compareAndSet(0, System.nanoTime());
            }
        });
        try {
            awaitHealthy(port, Duration.ofMillis(5), Duration.ofSeconds(1));
            long ready = System.nanoTime();
            long lineAt = awaitSet(runningOn, "the '" + RUNNING_ON + "' line of the bare backend");
            return new BareBoot(millis(ready - start), millis(ready - lineAt));
        } finally {
            end(backend);
        }
    }

    /** The seed's algorithm in Java: spawn, then one probe every 500 ms (5 s timeout) until all services healthy. */
    private static double seedAlgorithm(double delay) throws Exception {
        int port = freePort();
        long start = System.nanoTime();
        Process backend = start(fixture(port, "slow-start", delay));
        try {
            awaitHealthy(port, Duration.ofMillis(500), Duration.ofSeconds(5));
            return millisSince(start);
        } finally {
            end(backend);
        }
    }

    /**
     * {@code lifeline start --json}: spawn of the JVM to the {@code connected} line; and the readiness lag, the
     * event's {@code timestamp} minus the fixture's own log time of its "Uvicorn running on" line.
     */
    private static LifelineStart lifelineStart(double delay) throws Exception {
        int port = freePort();
        Path backendLog = WORK.resolve("backend-lifeline.log");
        Files.deleteIfExists(backendLog);
        long start = System.nanoTime();
        Process lifeline = lifeline(Map.of("FIXTURE_SCENARIO", "slow-start", "FIXTURE_STARTUP_DELAY", seconds(delay),
                "BACKEND_LOG_FILE", backendLog.toString()), LOGS, "start", "--json", "--port", Integer.toString(port));
        try {
            Event connected = events(lifeline).await("connected", LIMIT);
            Instant runningOn = loggedAt(backendLog, RUNNING_ON);
            return new LifelineStart(millis(connected.arrivedNanos() - start),
                    Duration.between(runningOn, connected.timestamp()).toNanos() / 1e6);
        } finally {
            stop(lifeline);
        }
    }

    private static double permanentCause() throws Exception {
        long start = System.nanoTime();
        Process lifeline = lifeline(Map.of("FIXTURE_SCENARIO", "missing-dependency"), LOGS, "start", "--port",
                Integer.toString(freePort()));
        exitCode(lifeline, EXIT_MISSING_PACKAGES);
        return millisSince(start);
    }

    private static double statusWallTime() throws Exception {
        int port = freePort();
        Process backend = start(fixture(port, "healthy", 0));
        try {
            awaitHealthy(port, Duration.ofMillis(5), Duration.ofSeconds(1));
            long start = System.nanoTime();
            exitCode(lifeline(Map.of(), LOGS, "status", "--port", Integer.toString(port)), 0);
            return millisSince(start);
        } finally {
            end(backend);
        }
    }

    private static double versionWallTime() throws Exception {
        long start = System.nanoTime();
        exitCode(lifeline(Map.of(), LOGS, "--version"), 0);
        return millisSince(start);
    }

    /** The fixture's crash scenario alone: spawn until it exits (code 3, before it binds). */
    private static double bareCrash() throws Exception {
        long start = System.nanoTime();
        exitCode(start(fixture(freePort(), "crash", 0)), EXIT_BACKEND_CRASHED);
        return millisSince(start);
    }

    /** {@code lifeline start} with the default retry against a backend that crashes every time, until it exits. */
    private static double crashOnEveryAttempt() throws Exception {
        long start = System.nanoTime();
        Process lifeline = lifeline(Map.of("FIXTURE_SCENARIO", "crash"), LOGS, "start", "--json", "--port",
                Integer.toString(freePort()));
        try {
            JsonNode failed = events(lifeline).await("failed", LIMIT).json();
            if (failed.path("attempt").asInt() != CRASH_ATTEMPTS
                    || failed.path("exitCode").asInt() != EXIT_EXITED_DURING_STARTUP) {
                throw new AssertionError("expected a failure after " + CRASH_ATTEMPTS + " attempts: " + failed);
            }
            awaitExit(lifeline, EXIT_EXITED_DURING_STARTUP);
            return millisSince(start);
        } finally {
            stop(lifeline);
        }
    }

    // ---- once per run ----

    /** The Lifeline JVM over {@code bench.idleSeconds} after it connected to a healthy fixture, sampled every second. */
    private static void idleSupervision(Map<String, Double> once) throws Exception {
        Process lifeline = lifeline(Map.of(), LOGS, "start", "--json", "--port", Integer.toString(freePort()));
        try {
            LifelineEvents events = events(lifeline);
            events.await("connected", LIMIT);
            ProcUsage sampler = ProcUsage.start(lifeline.pid(), Duration.ofSeconds(1));
            Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
            Usage idle = sampler.stop();
            List<String> statuses = events.statuses();
            if (!lifeline.isAlive() || !statuses.get(statuses.size() - 1).equals("connected")) {
                throw new AssertionError("not connected through the idle window: " + statuses);
            }
            String window = "idle supervision (" + IDLE_SECONDS + " s after connect): lifeline ";
            once.put(window + "RSS max, MB", idle.maxRssMb());
            once.put(window + "CPU, % of one core", idle.cpuPercentOfCore());
            once.put(window + "threads (max)", (double) idle.maxThreads());
        } finally {
            stop(lifeline);
        }
    }

    /**
     * {@code flood.py} writing 100-byte lines for {@code bench.floodSeconds}: alone into a file, then as Lifeline's
     * backend (status-code health); Lifeline's CPU and RSS from its {@code launching} event to the end of the flood,
     * and how many of the lines reached its log folder.
     */
    private static void flood(Map<String, Double> once) throws Exception {
        Path script = Path.of(StartupBenchmark.class.getResource("/bench/flood.py").toURI());
        FloodReport solo = floodSolo(script);

        Path logDir = emptyDir(WORK.resolve("flood-logs"));
        Path report = WORK.resolve("flood-lifeline.json");
        Files.deleteIfExists(report);
        String command = String.join(" ", quoted(PYTHON), quoted(script), "--port {port} --host {host} --seconds",
                Integer.toString(FLOOD_SECONDS), "--report", quoted(report));
        Process lifeline = lifeline(Map.of(), logDir, "start", "--json", "--port", Integer.toString(freePort()),
                "--command", command, "--health", "status-code", "--health-path", "/health");
        FloodReport flood;
        Usage usage;
        double connectedMs;
        try {
            LifelineEvents events = events(lifeline);
            Event launching = events.await("launching", LIMIT);
            ProcUsage sampler = ProcUsage.start(lifeline.pid(), Duration.ofMillis(100));
            awaitFile(report, Duration.ofSeconds(FLOOD_SECONDS).plus(LIMIT));
            usage = sampler.stop();
            connectedMs = millis(events.await("connected", LIMIT).arrivedNanos() - launching.arrivedNanos());
            flood = floodReport(report);
            awaitQuiet(logDir, Duration.ofSeconds(1));
        } finally {
            stop(lifeline);
        }
        FloodLines.Count count = FloodLines.in(logDir, flood.lines());
        NOTES.addAll(count.notes());

        String name = "flood (" + FLOOD_SECONDS + " s of 100-byte lines): ";
        once.put(name + "solo rate (stdout to a file), lines/s", solo.rate());
        once.put(name + "rate as lifeline's backend, lines/s", flood.rate());
        once.put(name + "rate under lifeline / solo", flood.rate() / solo.rate());
        once.put(name + "lifeline CPU, % of one core", usage.cpuPercentOfCore());
        once.put(name + "lifeline RSS max, MB", usage.maxRssMb());
        once.put(name + "lifeline threads (max)", (double) usage.maxThreads());
        once.put(name + "launching to connected, ms", connectedMs);
        once.put(name + "health requests answered during the flood", (double) flood.healthRequests());
        once.put(name + "lines written", (double) count.written());
        once.put(name + "lines found in lifeline's log folder", (double) count.found());
        once.put(name + "lines missing from the log folder", (double) count.missing());
        once.put(name + "lines logged twice", (double) count.duplicates());
        once.put(name + "log folder: files", (double) count.files());
        once.put(name + "log folder: of them rolled, gzipped", (double) count.archives());
        once.put(name + "log folder: MB on disk", count.bytes() / (1024.0 * 1024.0));
    }

    /** {@code flood.py} on its own, stdout redirected to a file (which must then hold every line). */
    private static FloodReport floodSolo(Path script) throws Exception {
        Path out = WORK.resolve("flood-solo.out");
        Path report = WORK.resolve("flood-solo.json");
        Files.deleteIfExists(report);
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), script.toString(), "--port",
                Integer.toString(freePort()), "--host", "127.0.0.1", "--seconds", Integer.toString(FLOOD_SECONDS),
                "--report", report.toString()).directory(WORK.toFile()).redirectOutput(out.toFile())
                .redirectError(WORK.resolve("flood-solo.err").toFile());
        Process flood = start(builder);
        try {
            awaitFile(report, Duration.ofSeconds(FLOOD_SECONDS).plus(LIMIT));
            FloodReport solo = floodReport(report);
            if (Files.size(out) != solo.lines() * FLOOD_LINE_BYTES) {
                throw new AssertionError("solo flood: " + Files.size(out) + " bytes for " + solo.lines() + " lines");
            }
            return solo;
        } finally {
            end(flood);
            Files.deleteIfExists(out);
        }
    }

    // ---- processes ----

    /** The fixture with {@code scenario} (and {@code delay} seconds for slow-start); its output goes to a file. */
    private static ProcessBuilder fixture(int port, String scenario, double delay) {
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "main.py", "--port", Integer.toString(port),
                "--host", "127.0.0.1").directory(FIXTURE.toFile()).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("fixture.out").toFile());
        builder.environment().put("FIXTURE_SCENARIO", scenario);
        builder.environment().put("FIXTURE_STARTUP_DELAY", seconds(delay));
        builder.environment().put("BACKEND_LOG_FILE", WORK.resolve("backend.log").toString());
        builder.environment().put("TZ", "UTC");
        return builder;
    }

    /**
     * Through the {@code lifeline} launcher script, as a user runs it: its JVM flags and its class-data-sharing
     * archive (it execs the JVM, so the pid is the JVM's); commands log to {@code logDir}.
     */
    private static Process lifeline(Map<String, String> env, Path logDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        if (args.length > 0 && !args[0].startsWith("-")) {
            command.addAll(List.of("--log-dir", logDir.toString(), "--run-dir", WORK.resolve("run").toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile())
                .redirectError(WORK.resolve("lifeline.err").toFile());
        builder.environment().put("BACKEND_LOG_FILE", WORK.resolve("backend.log").toString());
        builder.environment().put("TZ", "UTC");
        builder.environment().putAll(env);
        return start(builder);
    }

    private static Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        STARTED.add(process.toHandle());
        return process;
    }

    private static LifelineEvents events(Process lifeline) {
        return new LifelineEvents(lifeline, pid -> ProcessHandle.of(pid).ifPresent(STARTED::add));
    }

    private static void exitCode(Process process, int expected) throws Exception {
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        awaitExit(process, expected);
    }

    /** For a process whose output something else reads. */
    private static void awaitExit(Process process, int expected) throws InterruptedException {
        if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not end within " + LIMIT);
        }
        if (process.exitValue() != expected) {
            throw new AssertionError("exit " + process.exitValue() + ", expected " + expected);
        }
    }

    /** A process the benchmark runs itself (a fixture, flood.py): its tree, then it. */
    private static void end(Process process) throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Lifeline: SIGTERM (it stops its backend itself); anything of its tree still there after that is noted, killed. */
    private static void stop(Process lifeline) throws InterruptedException {
        List<ProcessHandle> tree = lifeline.toHandle().descendants().toList();
        lifeline.destroy();
        if (!lifeline.waitFor(30, TimeUnit.SECONDS)) {
            NOTES.add("lifeline pid " + lifeline.pid() + " still running 30 s after SIGTERM: killed");
            lifeline.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle left : tree) {
            try {
                left.onExit().get(2, TimeUnit.SECONDS);
            } catch (TimeoutException stillThere) {
                NOTES.add("left running after lifeline exited: " + describe(left) + ": killed");
                left.destroyForcibly();
            } catch (ExecutionException unexpected) {
                throw new IllegalStateException(unexpected);
            }
        }
    }

    /** After the run: every process started here (and every backend Lifeline reported) must be gone. */
    private static void sweep() {
        for (ProcessHandle process : STARTED) {
            if (process.isAlive()) {
                NOTES.add("left running at the end of the benchmark: " + describe(process) + ": killed");
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    private static String describe(ProcessHandle process) {
        return "pid " + process.pid() + " " + process.info().commandLine().orElse("?");
    }

    /** Hands each line of {@code stream} to {@code lines} on a thread of its own, to the end of the stream. */
    private static void onEachLine(InputStream stream, Consumer<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException closed) {
                // The process is gone.
            }
        }, "bench-lines");
        reader.setDaemon(true);
        reader.start();
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

    private static long awaitSet(AtomicLong value, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (value.get() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw " + what);
            }
            Thread.sleep(1);
        }
        return value.get();
    }

    /** When the fixture logged the first line containing {@code text} in {@code log} (its own timestamp, UTC). */
    private static Instant loggedAt(Path log, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Optional<String> line = Files.exists(log)
                    ? Files.readAllLines(log).stream().filter(l -> l.contains(text)).findFirst() : Optional.empty();
            if (line.isPresent()) {
                return LocalDateTime.parse(line.get().substring(0, 23), ASCTIME).toInstant(ZoneOffset.UTC);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' line in " + log);
            }
            Thread.sleep(20);
        }
    }

    private static void awaitFile(Path file, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + file + " within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Until the files of {@code dir} have not changed size for {@code quiet} (or {@link #LIMIT} is up). */
    private static void awaitQuiet(Path dir, Duration quiet) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        long size = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = folderSize(dir);
            if (now != size) {
                size = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= quiet.toNanos()) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static long folderSize(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static FloodReport floodReport(Path report) throws IOException {
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        return new FloodReport(json.path("lines").asLong(), json.path("seconds").asDouble(),
                json.path("rate").asDouble(), json.path("health_requests").asLong());
    }

    private static Path emptyDir(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(dir);
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

    private static void print(Map<String, List<Double>> figures, Map<String, Double> once) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-76s %9s %9s %9s%n", "figure (" + ROUNDS + " rounds, bench.seed=" + SEED + ")",
                "p50", "p95", "min");
        figures.forEach((name, values) -> System.out.printf(Locale.ROOT, "%-76s %9.2f %9.2f %9.2f%n", name,
                percentile(values, 0.5), percentile(values, 0.95), percentile(values, 0.0)));
        System.out.println();
        System.out.printf(Locale.ROOT, "%-76s %12s%n", "once per run", "value");
        once.forEach((name, value) -> System.out.printf(Locale.ROOT, "%-76s %12.2f%n", name, value));
        NOTES.forEach(note -> System.out.println("note: " + note));
    }

    private static void write(Map<String, List<Double>> figures, Map<String, Double> once) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("rounds", ROUNDS);
        document.put("seed", SEED);
        document.put("idleSeconds", IDLE_SECONDS);
        document.put("floodSeconds", FLOOD_SECONDS);
        document.put("java", System.getProperty("java.version"));
        document.put("cores", Runtime.getRuntime().availableProcessors());
        Map<String, Object> table = new LinkedHashMap<>();
        figures.forEach((name, values) -> table.put(name, Map.of("p50", percentile(values, 0.5), "p95",
                percentile(values, 0.95), "values", values)));
        document.put("figures", table);
        document.put("once", once);
        document.put("notes", List.copyOf(NOTES));
        Path out = Path.of("target", "bench", "results.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), document);
        System.out.println("written: " + out.toAbsolutePath());
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String quoted(Path path) {
        return "'" + path + "'";
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static double millisSince(long start) {
        return millis(System.nanoTime() - start);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
