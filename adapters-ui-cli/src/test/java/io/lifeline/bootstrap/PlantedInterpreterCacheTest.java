package io.lifeline.bootstrap;

import io.lifeline.adapter.cli.state.RunFolder;
import io.lifeline.adapter.process.InterpreterFinder;
import io.lifeline.adapter.process.LocalProcessLauncher;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.port.out.BackendLauncher;
import io.lifeline.domain.port.out.BackendLauncher.LaunchRequest;
import io.lifeline.domain.port.out.BackendLauncher.LaunchResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interpreter cache as the composition root wires it (the process launcher with the run folder's check), on real
 * files and real processes: a cache anyone else could have written is not used, and a cached command runs only when
 * it is one of today's candidates.
 */
class PlantedInterpreterCacheTest {

    @TempDir
    Path root;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private Path runs;
    private Path python;
    private Path cache;
    private BackendSpec backend;

    @BeforeEach
    void backendWithAFakePython() throws IOException {
        runs = root.resolve("runs.log");
        python = root.resolve("python");
        // Answers the probe like a usable Python; run with the script, notes that the backend ran and exits.
        Files.writeString(python, "#!/bin/sh\nif [ \"$1\" = -c ]; then echo probe >> " + runs
                + "; echo 'version 3.12.1'; echo 'executable " + python + "'; echo 'ok json'; exit 0; fi\n"
                + "echo backend >> " + runs + "\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(root.resolve("main.py"), "");
        cache = root.resolve("run/interpreters.properties");
        backend = new BackendSpec(root, List.of("{python}", "main.py", "--port", "{port}"), List.of("json"),
                Optional.of(python));
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void givenACacheOthersCanWrite_whenLaunching_thenItIsIgnoredAndTheInterpreterCheckedLive() throws Exception {
        launchWithAFreshLauncher();
        assertThat(probes()).as("the first start checks live and remembers").isEqualTo(1);
        launchWithAFreshLauncher();
        assertThat(probes()).as("the next one uses what it remembered").isEqualTo(1);

        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rw-rw-rw-"));
        launchWithAFreshLauncher();

        assertThat(probes()).as("a cache others can write is not believed").isEqualTo(2);
    }

    @Test
    void givenACacheNamingACommandThatIsNoCandidate_whenLaunching_thenThatCommandNeverRuns() throws Exception {
        launchWithAFreshLauncher();
        Path planted = root.resolve("planted-ran");
        Files.writeString(cache, Files.readString(cache).replace(python.toString(),
                "/bin/sh\\u0001-c\\u0001touch " + planted));

        launchWithAFreshLauncher();

        assertThat(planted).doesNotExist();
        assertThat(probes()).isEqualTo(2);
    }

    private void launchWithAFreshLauncher() throws Exception {
        BackendLauncher launcher = new LocalProcessLauncher(new InterpreterFinder(), executor, RunFolder.FILES,
                Optional.of(cache));
        LaunchResult result = launcher.launch(new LaunchRequest(backend, new Endpoint("127.0.0.1", 41996),
                new CorrelationId("backend-startup-1"), LaunchMode.ATTACHED)).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(LaunchResult.Launched.class);
        assertThat(((LaunchResult.Launched) result).backend().exitCode().toCompletableFuture()
                .get(30, TimeUnit.SECONDS)).isZero();
    }

    private long probes() throws IOException {
        return Files.readAllLines(runs).stream().filter("probe"::equals).count();
    }
}
