package io.lifeline.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lifeline export} through the real launcher: a systemd unit counts as started when {@code lifeline wait}, run
 * as the unit runs it, finds the backend ready by its own contract and timeouts; every target of an app is written,
 * secret values never; {@code --strict} refuses a lossy mapping, naming the loss, and writes nothing.
 */
class ExportIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String SECRET = "s3cr3t-do-not-export";
    private static final List<String> TARGETS = List.of("compose", "kubernetes", "systemd", "process-compose");

    @TempDir
    Path dir;

    private Process backend;

    @AfterEach
    void endTheBackend() throws Exception {
        Fixture.end(backend);
        ProcessHygiene.assertNoProcessLeft();
    }

    @Test
    void systemdUnit_isStartedOnlyWhenLifelineWaitFindsTheBackendReadyByItsContract() throws Exception {
        int port = Fixture.freePort();
        Path config = dir.resolve("fixture.yaml");
        Files.writeString(config, """
                port: %d
                startupTimeout: 3s
                logDir: %s
                """.formatted(port, LifelineCli.LOG_DIR));
        Path out = dir.resolve("units");
        LifelineCli export = LifelineCli.run(Map.of(), "export", "systemd", "--config", config.toString(),
                "--output", out.toString());
        assertThat(export.exitCode(LIMIT)).as("stderr %s", export.stderr).isZero();
        List<String> readiness = execStartPost(out.resolve("fixture-backend.service"));
        assertThat(readiness).as("the unit's readiness step").contains("wait", "--config", config.toString(),
                "--backend", "backend");

        long before = System.nanoTime();
        Process nothing = runAsTheUnitWould(readiness);
        assertThat(nothing.exitValue()).as("nothing on the port: not ready within startupTimeout").isEqualTo(16);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(30));

        backend = Fixture.startByHand("unhealthy", port, Map.of());
        Fixture.awaitAnswering(port);
        assertThat(runAsTheUnitWould(readiness).exitValue())
                .as("an answer with an unhealthy service is not ready: the JSON contract, not a 2xx").isEqualTo(17);
        Fixture.end(backend);

        backend = Fixture.startByHand("healthy", port, Map.of());
        assertThat(runAsTheUnitWould(readiness).exitValue()).as("ready by its contract").isZero();
    }

    @Test
    void recipeApp_everyTargetIsWritten_secretValuesNever_strictFailsNamingTheLossAndWritesNothing() throws Exception {
        Path config = dir.resolve("app.yaml");
        String recipe = Files.readString(Fixture.DIR.getParent().resolve("docs/recipes/app.yaml"));
        Files.writeString(config, recipe + """
                env:
                  API_TOKEN: %s
                  DATABASE_URL: postgres://app:%s@db:5432/app
                  APP_MODE: demo
                """.formatted(SECRET, SECRET));
        for (String target : TARGETS) {
            Path out = dir.resolve("out-" + target);
            LifelineCli export = LifelineCli.runIn(dir, Map.of(), "export", target, "--config", config.toString(),
                    "--output", out.toString());
            assertThat(export.exitCode(LIMIT)).as("%s: stderr %s", target, export.stderr).isZero();
            assertThat(export.stderr).as("%s lists what it cannot express", target)
                    .anyMatch(line -> line.startsWith("lifeline: export " + target + ": lost: "));
            List<Path> files = files(out);
            assertThat(files).as(target).isNotEmpty();
            for (Path file : files) {
                String text = Files.readString(file);
                assertThat(text).as(file.toString()).doesNotContain(SECRET).doesNotContain("LIFELINE_SECRET");
            }
            assertThat(String.join("\n", files.stream().map(ExportIT::read).toList())).as(target)
                    .contains("API_TOKEN").contains("APP_MODE").contains("# lost: ");
        }

        Path strict = dir.resolve("strict");
        LifelineCli refused = LifelineCli.runIn(dir, Map.of(), "export", "compose", "--strict", "--config",
                config.toString(), "--output", strict.toString());
        assertThat(refused.exitCode(LIMIT)).isEqualTo(64);
        assertThat(refused.stderr).anyMatch(line -> line.startsWith("lifeline: export compose: lost: worker: readyLine"))
                .last().asString().contains("--strict").contains("nothing written");
        assertThat(strict).doesNotExist();
        assertThat(refused.stdout).isEmpty();
    }

    @Test
    void aContainerTargetWithoutAnImage_isOneLineNamingTheBackendAndTheSetting() throws Exception {
        Path config = dir.resolve("fixture.yaml");
        Files.writeString(config, "port: %d%n".formatted(Fixture.freePort()));

        LifelineCli export = LifelineCli.run(Map.of(), "export", "kubernetes", "--config", config.toString());

        assertThat(export.exitCode(LIMIT)).isEqualTo(64);
        assertThat(export.stderr).singleElement().asString().startsWith("lifeline: export kubernetes: ")
                .contains("backend").contains("image");
        assertThat(export.stdout).isEmpty();
    }

    /** The arguments of the unit's ExecStartPost=, unquoted as systemd does for these plain words. */
    private static List<String> execStartPost(Path unit) throws IOException {
        String line = Files.readAllLines(unit).stream().filter(each -> each.startsWith("ExecStartPost="))
                .findFirst().orElseThrow(() -> new AssertionError("no ExecStartPost= in " + unit));
        return SystemdWords.split(line.substring("ExecStartPost=".length()));
    }

    private static Process runAsTheUnitWould(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return process;
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> listing = Files.list(folder)) {
            return new ArrayList<>(listing.sorted().toList());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }
}
