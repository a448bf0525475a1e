package io.lifeline.it;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stopping, dying and detaching, with the real CLI as a separate JVM and a backend that has a child process. */
class CliSupervisionIT extends CliTestBase {

    private static final Pattern CHILD_PID = Pattern.compile("\"child_pid\":\\s*(\\d+)");
    private static final Pattern DETACHED =
            Pattern.compile("\\[(backend-startup-\\d+)] detached: backend pid (\\d+) keeps running on ");


    @Test
    void sigtermToLifeline_stopsTheBackendAndItsChildWithinTheGracePeriod_exitZero() throws Exception {
        int port = Fixture.freePort();
        lifeline = LifelineCli.run(Map.of("FIXTURE_SCENARIO", "spawn-child"), "start", "--port", Integer.toString(port),
                "--stop-grace", "5s");
        long backend = Long.parseLong(lifeline.awaitLine(CliProcessIT.CONNECTED, Duration.ofSeconds(60)).group(3));
        long child = childPid(port);
        started.addAll(List.of(backend, child));
        assertThat(ProcessHandle.of(child).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)).hasValue(backend);
        Instant signalled = Instant.now();

        lifeline.sigterm();

        assertThat(lifeline.exitCode(Duration.ofSeconds(30))).isZero();
        assertThat(Duration.between(signalled, Instant.now())).isLessThan(Duration.ofSeconds(5 + 3));
        assertThat(ProcessHygiene.isAlive(backend)).isFalse();
        assertThat(ProcessHygiene.isAlive(child)).as("the backend's child, stopped with the tree").isFalse();
        assertThat(lifeline.stdout).anyMatch(line -> line.endsWith("stopped: backend stopped"));
    }

    @Test
    void secondSigterm_killsAChildThatIgnoresSigtermAtOnceInsteadOfWaitingOutTheGracePeriod() throws Exception {
        int port = Fixture.freePort();
        lifeline = LifelineCli.run(Map.of("FIXTURE_SCENARIO", "spawn-child", "FIXTURE_CHILD_IGNORES_TERM", "true"),
                "start", "--port", Integer.toString(port), "--stop-grace", "60s");
        long backend = Long.parseLong(lifeline.awaitLine(CliProcessIT.CONNECTED, Duration.ofSeconds(60)).group(3));
        long child = childPid(port);
        started.addAll(List.of(backend, child));

        lifeline.sigterm();
        await("the backend itself stops on the first SIGTERM").atMost(Duration.ofSeconds(10))
                .until(() -> !ProcessHygiene.isRunning(backend));
        assertThat(ProcessHygiene.isRunning(child)).as("the child ignores SIGTERM: the grace period runs").isTrue();
        assertThat(lifeline.process.isAlive()).as("lifeline waits out the 60 s grace period").isTrue();
        Instant second = Instant.now();

        lifeline.sigterm();

        assertThat(lifeline.exitCode(Duration.ofSeconds(15))).isZero();
        assertThat(Duration.between(second, Instant.now())).as("no wait for the grace period")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(ProcessHygiene.isRunning(child)).as("killed, not waited for").isFalse();
    }

    @Test
    void sigkillToLifeline_theBackendAndItsChildAreGoneWithinTwoSeconds() throws Exception {
        int port = Fixture.freePort();
        lifeline = LifelineCli.run(Map.of("FIXTURE_SCENARIO", "spawn-child"), "start", "--port", Integer.toString(port));
        long backend = Long.parseLong(lifeline.awaitLine(CliProcessIT.CONNECTED, Duration.ofSeconds(60)).group(3));
        long child = childPid(port);
        started.addAll(List.of(backend, child));

        lifeline.sigkill();
        Instant killed = Instant.now();

        await("backend and child gone").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> !ProcessHygiene.isRunning(backend) && !ProcessHygiene.isRunning(child));
        System.out.printf("backend tree gone %d ms after SIGKILL to lifeline%n",
                Duration.between(killed, Instant.now()).toMillis());
    }

    @Test
    void detachThenStatusThenStop_roundTrip() throws Exception {
        int port = Fixture.freePort();
        Path runDir = LifelineCli.RUN_DIR.resolve(Integer.toString(port));
        String[] where = {"--port", Integer.toString(port), "--run-dir", runDir.toString()};

        lifeline = LifelineCli.run(Map.of("FIXTURE_SCENARIO", "healthy"), concat("start", "--detach", where));
        assertThat(lifeline.exitCode(Duration.ofSeconds(60))).isZero();
        Matcher detached = lifeline.line(DETACHED).orElseThrow(() -> new AssertionError(lifeline.stdout));
        long backend = Long.parseLong(detached.group(2));
        started.add(backend);
        assertThat(ProcessHygiene.isAlive(backend)).as("still running after lifeline exited").isTrue();
        Path stateFile = runDir.resolve("backend-" + port + ".json");
        assertThat(Files.readString(stateFile)).contains("\"pid\" : " + backend).contains(detached.group(1));

        LifelineCli status = LifelineCli.run(Map.of(), concat("status", where));
        assertThat(status.exitCode(Duration.ofSeconds(30))).isZero();
        assertThat(status.stdout).contains("backend 127.0.0.1:" + port + ": healthy")
                .anyMatch(line -> line.matches("\\s+database\\s+healthy"));

        LifelineCli stop = LifelineCli.run(Map.of(), concat("stop", where));
        assertThat(stop.exitCode(Duration.ofSeconds(30))).isZero();
        assertThat(stop.stdout).anyMatch(line -> line.endsWith("stopped: backend pid " + backend + " on port " + port));
        assertThat(ProcessHygiene.isAlive(backend)).isFalse();
        assertThat(stateFile).doesNotExist();

        LifelineCli down = LifelineCli.run(Map.of(), concat("status", where));
        assertThat(down.exitCode(Duration.ofSeconds(30))).isEqualTo(23);
        assertThat(down.stdout).anyMatch(line -> line.contains("connection refused"));
    }

    private static long childPid(int port) throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher child = CHILD_PID.matcher(health.body());
        assertThat(child.find()).as("child_pid in " + health.body()).isTrue();
        return Long.parseLong(child.group(1));
    }

    private static String[] concat(String command, String... more) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String[] concat(String command, String flag, String... more) {
        List<String> all = new ArrayList<>(List.of(command, flag));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
