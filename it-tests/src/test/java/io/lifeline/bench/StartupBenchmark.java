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
 *
 * <p>{@link #startAnApp()}: issue 17's numbers for an app of three backends, in rounds of its own
 * ({@code -Dit.test=StartupBenchmark#startAnApp} runs only it).
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

    /** The app of three: its backends' names, and each one's stopGrace (the stop goal is the largest + 0.3 s). */
    private static final List<String> APP = List.of("a", "b", "c");
    private static final List<Duration> STOP_GRACES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(3));
    private static final Duration STOP_SLACK = Duration.ofMillis(300);
    /** worker.py --delay of the three independent workers, s; the last one is the slowest. */
    private static final List<Double> WORKER_DELAYS = List.of(0.6, 0.8, 1.0);
    /** The fixture's slow-start delay of the three independent fixtures, s; the last one is the slowest. */
    private static final List<Double> FIXTURE_DELAYS = List.of(0.2, 0.4, 0.6);
    /** worker.py --delay of each link of the chain (b waits for a healthy, c for b), s. */
    private static final double CHAIN_DELAY = 0.5;
    /** Between an app's last connected and the SIGTERM: past the start's own last steps, as a user's stop would be. */
    private static final Duration SETTLE = Duration.ofMillis(500);

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
        write("results.json", figures, once);
    }

    /**
     * Issue 17's numbers for an app of three backends ({@code backends:} in one config file), round by round: three
     * independent ones against the slowest one alone, a chain of three against the sum of their bare boots, and the
     * stop of each app (its backends exit on SIGTERM) against the largest stopGrace plus 0.3 s. It prints the
     * figures and writes {@code it-tests/target/bench/app-results.json}; it asserts only that each app started,
     * stopped every backend and exited 0. Alone: {@code -Dit.test=StartupBenchmark#startAnApp}.
     */
    @Test
    void startAnApp() throws Exception {
        Files.createDirectories(WORK);
        NOTES.clear();
        Map<String, List<Double>> figures = new LinkedHashMap<>();
        Map<String, Double> once = new LinkedHashMap<>();
        once.put("load average (1 min) at the start", loadAverage());
        try {
            for (int round = 0; round < ROUNDS; round++) {
                appRound(figures);
            }
        } finally {
            sweep();
        }
        once.put("load average (1 min) at the end", loadAverage());
        once.put("stop goal: largest stopGrace of the app (a 1 s, b 2 s, c 3 s) + 0.3 s, ms", stopGoalMs());
        print(figures, once);
        write("app-results.json", figures, once);
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

    // ---- an app of several backends (issue 17) ----

    /** One round of {@link #startAnApp()}: three independent workers, three independent fixtures, a chain. */
    private static void appRound(Map<String, List<Double>> figures) throws Exception {
        AppRun three = app("app-workers.yaml", independentWorkers(APP));
        AppRun alone = app("app-worker-alone.yaml", independentWorkers(List.of("c")));
        double bareSlowest = bareWorker(WORKER_DELAYS.get(2));
        add(figures, "3 independent workers (0.6/0.8/1.0 s): start to all connected, ms", three.connectedMs());
        add(figures, "3 independent workers: spread of their launching events, ms", three.spreadMs("launching"));
        add(figures, "slowest worker (1.0 s) alone: start to connected, ms", alone.connectedMs());
        add(figures, "slowest worker (1.0 s) bare: spawn to 'worker ready', ms", bareSlowest);
        add(figures, "3 independent workers / slowest alone, per round (goal <= 1.15)",
                three.connectedMs() / alone.connectedMs());
        add(figures, "3 independent workers: stop, SIGTERM to lifeline's exit, ms", three.stopMs());
        add(figures, "3 independent workers: stop, SIGTERM to the last 'stopped', ms", three.stopEventsMs());
        add(figures, "slowest worker alone: stop, SIGTERM to lifeline's exit, ms", alone.stopMs());

        AppRun fixtures = app("app-fixtures.yaml", independentFixtures(APP));
        AppRun fixtureAlone = app("app-fixture-alone.yaml", independentFixtures(List.of("c")));
        add(figures, "3 fixtures (slow-start 0.2/0.4/0.6 s): start to all connected, ms", fixtures.connectedMs());
        add(figures, "slowest fixture (0.6 s) alone: start to connected, ms", fixtureAlone.connectedMs());
        add(figures, "3 fixtures / slowest alone, per round (goal <= 1.15)",
                fixtures.connectedMs() / fixtureAlone.connectedMs());
        double bareThree = bareFixtures(FIXTURE_DELAYS);
        double bareAlone = bareFixtures(FIXTURE_DELAYS.subList(2, 3));
        add(figures, "3 fixtures bare, spawned at once: spawn to all healthy, ms", bareThree);
        add(figures, "slowest fixture (0.6 s) bare: spawn to healthy, ms", bareAlone);
        add(figures, "3 fixtures bare / slowest bare, per round (the 2 cores' share)", bareThree / bareAlone);
        add(figures, "3 fixtures: stop, SIGTERM to lifeline's exit, ms", fixtures.stopMs());
        add(figures, "slowest fixture alone: stop, SIGTERM to lifeline's exit, ms", fixtureAlone.stopMs());

        AppRun chain = app("app-chain.yaml", chain());
        double bareSum = 0;
        for (int link = 0; link < APP.size(); link++) {
            bareSum += bareWorker(CHAIN_DELAY);
        }
        checkChainOrder(chain);
        double fromLaunch = chain.between("a", "launching", "c", "connected");
        double linkLag = (chain.between("a", "connected", "b", "launching")
                + chain.between("b", "connected", "c", "launching")) / 2;
        add(figures, "chain of 3 workers (0.5 s each): start to all connected, ms", chain.connectedMs());
        add(figures, "chain: sum of the 3 bare boots (spawn to 'worker ready'), ms", bareSum);
        add(figures, "chain / sum of bare boots, per round (goal <= 1.15)", chain.connectedMs() / bareSum);
        add(figures, "chain: a's launching to c's connected (event times), ms", fromLaunch);
        add(figures, "chain from a's launching / sum of bare boots, per round", fromLaunch / bareSum);
        add(figures, "chain: a dependency's connected to its dependant's launching, ms", linkLag);
        add(figures, "chain: stop in reverse order, SIGTERM to lifeline's exit, ms", chain.stopMs());
        add(figures, "chain: stop, SIGTERM to the last 'stopped', ms", chain.stopEventsMs());
        add(figures, "chain stop / (largest stopGrace + 0.3 s), per round (goal <= 1)",
                chain.stopMs() / stopGoalMs());
    }

    /** When {@link #stop(Process)} sent the SIGTERM and when Lifeline had exited, {@link System#nanoTime()}. */
    record Stop(long sigtermNanos, long exitedNanos) {

        double millis() {
            return StartupBenchmark.millis(exitedNanos - sigtermNanos);
        }
    }

    /** An app started and stopped by {@code lifeline start --json --config}: its times and its events. */
    record AppRun(double connectedMs, Stop stop, List<Event> events) {

        double stopMs() {
            return stop.millis();
        }

        /** From the SIGTERM to the arrival of the last {@code stopped} event: the stop of the backends. */
        double stopEventsMs() {
            long last = events.stream().filter(event -> event.status().equals("stopped"))
                    .mapToLong(Event::arrivedNanos).max().orElseThrow();
            return StartupBenchmark.millis(last - stop.sigtermNanos());
        }

        /** The milliseconds from {@code from}'s event {@code fromStatus} to {@code to}'s {@code toStatus}. */
        double between(String from, String fromStatus, String to, String toStatus) {
            return Duration.between(at(from, fromStatus), at(to, toStatus)).toNanos() / 1e6;
        }

        /** The milliseconds between the first and the last event with {@code status}, of any backend. */
        double spreadMs(String status) {
            List<Instant> times = events.stream().filter(event -> event.status().equals(status))
                    .map(Event::timestamp).sorted().toList();
            return Duration.between(times.get(0), times.get(times.size() - 1)).toNanos() / 1e6;
        }

        /** The order in which the backends had an event with {@code status}. */
        List<String> order(String status) {
            return events.stream().filter(event -> event.status().equals(status))
                    .map(event -> event.json().path("backend").asText()).toList();
        }

        Instant at(String backend, String status) {
            return events.stream().filter(event -> event.status().equals(status)
                            && event.json().path("backend").asText().equals(backend)).findFirst()
                    .orElseThrow(() -> new AssertionError("no '" + status + "' event of " + backend + ": " + events))
                    .timestamp();
        }
    }

    /**
     * Writes {@code yaml} to {@code file}, runs {@code lifeline start --json --config} on it until every one of
     * {@code backends} is connected (the time from the launcher's spawn to the arrival of the last one), then
     * SIGTERM until it exits (0) having published {@code stopped} for each.
     */
    private static AppRun app(String file, AppYaml app) throws Exception {
        Path config = WORK.resolve(file);
        Files.writeString(config, app.yaml());
        long start = System.nanoTime();
        Process lifeline = lifeline(Map.of(), LOGS, "start", "--json", "--config", config.toString());
        LifelineEvents events = events(lifeline);
        double connectedMs;
        try {
            Event last = null;
            for (int i = 0; i < app.backends().size(); i++) {
                last = events.await("connected", LIMIT);
            }
            connectedMs = millis(last.arrivedNanos() - start);
            Thread.sleep(SETTLE.toMillis());
        } catch (Exception | AssertionError broken) {
            stop(lifeline);
            throw broken;
        }
        Stop stop = stop(lifeline);
        if (lifeline.exitValue() != 0) {
            throw new AssertionError(file + ": exit " + lifeline.exitValue() + " after SIGTERM, expected 0");
        }
        for (int i = 0; i < app.backends().size(); i++) {
            events.await("stopped", LIMIT);
        }
        AppRun run = new AppRun(connectedMs, stop, events.all());
        if (!run.order("connected").containsAll(app.backends())) {
            throw new AssertionError(file + ": connected " + run.order("connected") + ", expected " + app.backends());
        }
        return run;
    }

    /** An app's config file and the names of its backends. */
    record AppYaml(String yaml, List<String> backends) {
    }

    /** Workers named from {@code a, b, c} with their delays, waiting for nothing. */
    private static AppYaml independentWorkers(List<String> names) {
        StringBuilder yaml = new StringBuilder("backends:\n");
        names.forEach(name -> yaml.append(worker(name, WORKER_DELAYS.get(APP.indexOf(name)), Optional.empty())));
        return new AppYaml(yaml.toString(), names);
    }

    /** The bundled fixture in slow-start, each on its own free port, waiting for nothing. */
    private static AppYaml independentFixtures(List<String> names) {
        StringBuilder yaml = new StringBuilder("port: auto\nbackends:\n");
        for (String name : names) {
            yaml.append("  ").append(name).append(":\n")
                    .append("    env: {FIXTURE_SCENARIO: slow-start, FIXTURE_STARTUP_DELAY: \"")
                    .append(seconds(FIXTURE_DELAYS.get(APP.indexOf(name)))).append("\"}\n")
                    .append("    stopGrace: ").append(grace(name)).append('\n');
        }
        return new AppYaml(yaml.toString(), names);
    }

    /** b waits for a to be healthy, c for b. */
    private static AppYaml chain() {
        return new AppYaml("backends:\n" + worker("a", CHAIN_DELAY, Optional.empty())
                + worker("b", CHAIN_DELAY, Optional.of("a")) + worker("c", CHAIN_DELAY, Optional.of("b")), APP);
    }

    /** {@code worker.py --delay}, ready by its line, with its stopGrace, maybe waiting for another to be healthy. */
    private static String worker(String name, double delay, Optional<String> dependsOn) {
        return "  " + name + ":\n"
                + "    command: [" + quoted(PYTHON) + ", worker.py, --delay, \"" + seconds(delay) + "\"]\n"
                + "    workingDir: " + quoted(FIXTURE) + "\n"
                + "    health: none\n"
                + "    readyLine: worker ready\n"
                + "    stopGrace: " + grace(name) + "\n"
                + dependsOn.map(on -> "    dependsOn: {" + on + ": healthy}\n").orElse("");
    }

    private static String grace(String name) {
        return STOP_GRACES.get(APP.indexOf(name)).toMillis() + "ms";
    }

    private static double stopGoalMs() {
        return Collections.max(STOP_GRACES).plus(STOP_SLACK).toMillis();
    }

    /** The chain's dependants launched only after their dependency connected, and stopped before it; else a note. */
    private static void checkChainOrder(AppRun chain) {
        if (chain.at("b", "launching").isBefore(chain.at("a", "connected"))
                || chain.at("c", "launching").isBefore(chain.at("b", "connected"))) {
            NOTES.add("chain: a dependant launched before its dependency connected: " + chain.events());
        }
        if (!chain.order("stopped").equals(List.of("c", "b", "a"))) {
            NOTES.add("chain: stopped in the order " + chain.order("stopped") + ", not c, b, a");
        }
    }

    /**
     * The fixtures in slow-start with {@code delays}, without Lifeline, spawned at once: until every one answers
     * healthy on /health (polled every 5 ms), what the machine alone makes of booting them side by side.
     */
    private static double bareFixtures(List<Double> delays) throws Exception {
        List<Process> fixtures = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (double delay : delays) {
                int port = freePort();
                ports.add(port);
                fixtures.add(start(fixture(port, "slow-start", delay)));
            }
            for (int port : ports) {
                awaitHealthy(port, Duration.ofMillis(5), Duration.ofSeconds(1));
            }
            return millisSince(start);
        } finally {
            for (Process fixture : fixtures) {
                end(fixture);
            }
        }
    }

    /** The machine's load average over the last minute ({@code /proc/loadavg}): how busy it was beside the run. */
    private static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    /** worker.py on its own: spawn until its 'worker ready' line arrives on the pipe. */
    private static double bareWorker(double delay) throws Exception {
        AtomicLong ready = new AtomicLong();
        long start = System.nanoTime();
        Process worker = start(new ProcessBuilder(PYTHON.toString(), "worker.py", "--delay", seconds(delay))
                .directory(FIXTURE.toFile()).redirectError(WORK.resolve("worker.err").toFile()));
        onEachLine(worker.getInputStream(), line -> {
            if (line.equals("worker ready")) {
                ready.compareAndSet(0, System.nanoTime());
            }
        });
        try {
            return millis(awaitSet(ready, "'worker ready' of a bare worker") - start);
        } finally {
            end(worker);
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

    /**
     * Lifeline: SIGTERM (it stops its backends itself); anything of its tree still there after that is noted, killed.
     * Returns when it sent the SIGTERM and when Lifeline had exited. The signal goes through its handle:
     * {@link Process#destroy()} would also close its pipes, so that Lifeline would see its stdin close as well (the
     * front end gone) and its last events would not be read.
     */
    private static Stop stop(Process lifeline) throws InterruptedException {
        List<ProcessHandle> tree = lifeline.toHandle().descendants().toList();
        long sigterm = System.nanoTime();
        lifeline.toHandle().destroy();
        boolean exited = lifeline.waitFor(30, TimeUnit.SECONDS);
        Stop stop = new Stop(sigterm, System.nanoTime());
        if (!exited) {
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
        return stop;
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

    private static void write(String file, Map<String, List<Double>> figures, Map<String, Double> once)
            throws IOException {
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
        Path out = Path.of("target", "bench", file);
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
