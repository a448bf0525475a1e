package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery remembered between starts, and forgotten as soon as anything it rests on changes. */
class DiscoveryCacheTest {

    @TempDir
    Path dir;

    @Test
    void givenAChoiceOnce_thenTheNextFindRunsNoCandidate_untilTheInterpreterOrItsPackagesChange() throws Exception {
        Path runs = dir.resolve("runs.log");
        Path venv = Files.createDirectories(dir.resolve("backend/.venv/bin"));
        Path sitePackages = Files.createDirectories(dir.resolve("backend/.venv/lib/python3.12/site-packages"));
        Path python = fakePython(venv.resolve("python"), runs);
        BackendSpec backend = new BackendSpec(dir.resolve("backend"), PythonScript.MAIN_PY, List.of("json"),
                Optional.of(python));
        Optional<DiscoveryCache> cache = Optional.of(new DiscoveryCache(dir.resolve("run/interpreters.properties"),
                FakePrivateFiles.trusting()));
        InterpreterFinder finder = new InterpreterFinder();

        InterpreterFinder.Discovery first = finder.find(backend, cache);
        InterpreterFinder.Discovery second = finder.find(backend, cache);

        assertThat(first.interpreter()).isPresent();
        assertThat(second.interpreter()).isEqualTo(first.interpreter());
        assertThat(second.checks()).as("nothing was run").isEmpty();
        assertThat(Files.readAllLines(runs)).hasSize(1);

        Files.setLastModifiedTime(sitePackages, FileTime.from(Instant.now().plusSeconds(5)));
        InterpreterFinder.Discovery afterPipInstall = finder.find(backend, cache);
        assertThat(afterPipInstall.checks()).hasSize(1);
        assertThat(Files.readAllLines(runs)).hasSize(2);

        Files.setLastModifiedTime(python, FileTime.from(Instant.now().plusSeconds(10)));
        finder.find(backend, cache);
        assertThat(Files.readAllLines(runs)).as("a replaced interpreter is checked again").hasSize(3);
        assertThat(finder.find(backend, cache).checks()).isEmpty();
        assertThat(finder.find(backend.withInterpreter(python), Optional.empty()).checks())
                .as("without a cache every find runs the candidates").hasSize(1);
    }

    @Test
    void givenNoUsableInterpreter_thenNothingIsRemembered() throws Exception {
        Path broken = dir.resolve("python");
        Files.writeString(broken, "#!/bin/sh\nexit 3\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
        BackendSpec backend = new BackendSpec(dir, PythonScript.MAIN_PY, List.of("json"), Optional.of(broken));
        Path file = dir.resolve("interpreters.properties");

        InterpreterFinder.Discovery discovery = new InterpreterFinder().find(backend,
                Optional.of(new DiscoveryCache(file, FakePrivateFiles.trusting())));

        assertThat(discovery.interpreter()).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void givenACachedCommandThatIsNoneOfTodaysCandidates_whenFinding_thenItIsNotRunAndTheCandidatesAreCheckedLive()
            throws Exception {
        Path runs = dir.resolve("runs.log");
        Path python = fakePython(dir.resolve("python"), runs);
        BackendSpec backend = new BackendSpec(dir, PythonScript.MAIN_PY, List.of("json"), Optional.of(python));
        Path file = dir.resolve("run/interpreters.properties");
        Optional<DiscoveryCache> cache = Optional.of(new DiscoveryCache(file, FakePrivateFiles.trusting()));
        InterpreterFinder finder = new InterpreterFinder();
        finder.find(backend, cache);
        // Planted: the same key, another command (what a writer of the run folder would put there).
        String planted = Files.readString(file).replace(python.toString(), "/bin/sh\\u0001-c\\u0001touch "
                + dir.resolve("planted-ran"));
        Files.writeString(file, planted);
        assertThat(planted).as("the entry was rewritten").doesNotContain(python.toString());

        InterpreterFinder.Discovery discovery = finder.find(backend, cache);

        assertThat(discovery.checks()).as("checked live, not taken from the cache").hasSize(1);
        assertThat(discovery.interpreter()).map(usable -> usable.candidate().command())
                .contains(List.of(python.toString()));
        assertThat(dir.resolve("planted-ran")).doesNotExist();
    }

    @Test
    void givenACacheTheFolderCheckRefuses_whenFinding_thenItIsIgnoredAndTheCandidatesAreCheckedLive()
            throws Exception {
        Path runs = dir.resolve("runs.log");
        Path python = fakePython(dir.resolve("python"), runs);
        BackendSpec backend = new BackendSpec(dir, PythonScript.MAIN_PY, List.of("json"), Optional.of(python));
        Path file = dir.resolve("run/interpreters.properties");
        InterpreterFinder finder = new InterpreterFinder();
        finder.find(backend, Optional.of(new DiscoveryCache(file, FakePrivateFiles.trusting())));
        assertThat(file).exists();

        InterpreterFinder.Discovery discovery = finder.find(backend,
                Optional.of(new DiscoveryCache(file, FakePrivateFiles.refusingReads())));

        assertThat(discovery.checks()).as("checked live").hasSize(1);
        assertThat(Files.readAllLines(runs)).hasSize(2);
    }

    /** Answers the probe script like a usable Python 3.12.1 and notes each run. */
    private static Path fakePython(Path path, Path runs) throws IOException {
        Files.writeString(path, "#!/bin/sh\necho run >> " + runs + "\necho 'version 3.12.1'\necho 'executable "
                + path + "'\nfor m in json; do echo \"ok $m\"; done\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
