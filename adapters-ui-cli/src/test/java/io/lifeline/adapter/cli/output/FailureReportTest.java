package io.lifeline.adapter.cli.output;

import io.lifeline.adapter.cli.config.BundledBackend;
import io.lifeline.adapter.cli.testing.StartupFailures;
import io.lifeline.adapter.cli.testing.StatusEvents;
import io.lifeline.adapter.process.PythonBackendProfile;
import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailureReportTest {

    private static final Endpoint ENDPOINT = new Endpoint("127.0.0.1", 8000);
    private static final BackendProfile PYTHON = new PythonBackendProfile();
    /** The bundled backend's folder, with the requirements file it ships. */
    @TempDir
    static Path installation;
    private static Path BACKEND_DIR;
    private static BackendSpec BACKEND;
    private static final Path LOG_FILE = Path.of("/home/ada/.lifeline/logs/lifeline.log");
    private static final int MAX_ATTEMPTS = 3;

    @BeforeAll
    static void bundledBackend() throws IOException {
        BACKEND_DIR = withRequirements(installation.resolve("fixture-backend"));
        BACKEND = BundledBackend.in(BACKEND_DIR);
    }

    private static Path withRequirements(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("requirements.txt"), "fastapi\nuvicorn\n");
        return folder;
    }

    private static String render(StatusEvent.Failed failed) {
        return FailureReport.render(failed, ENDPOINT, MAX_ATTEMPTS, BACKEND, LOG_FILE, PYTHON);
    }

    private static String lines(String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append(System.lineSeparator());
        }
        return text.toString();
    }

    @Test
    void givenACommandOfItsOwn_whenRendering_thenTheChecklistShowsItRunnableByHand_withPlaceholdersFilledAndQuoted() {
        BackendSpec own = new BackendSpec(Path.of("/srv/app"), List.of("node", "server.js", "--name", "my app",
                "--port={port}"), List.of(), java.util.Optional.empty());
        StatusEvent.Failed failed = StatusEvents.failed(StartupFailures.exitedWithCode(1, List.of()), 3, List.of());

        String report = FailureReport.render(failed, ENDPOINT, MAX_ATTEMPTS, own, LOG_FILE, BackendProfile.GENERIC);

        assertThat(report).contains("    1. The command runs by hand in /srv/app: node server.js --name 'my app'"
                        + " --port=8000")
                .contains("    4. No antivirus or firewall blocks node or connections to 127.0.0.1")
                .doesNotContain("Python").doesNotContain("pip");
    }

    @Test
    void givenCrashOnEveryAttempt_whenRendering_thenTheWholeReportInOrder() {
        List<String> output = StartupFailures.tracebackEndingIn("ModuleNotFoundError: No module named 'fastapi'");
        StatusEvent.Failed failed = StatusEvents.failed(StartupFailures.exitedWithCode(3, output), 3, output);

        assertThat(render(failed)).isEqualTo(lines(
                "",
                "Backend startup failed",
                "  Cause:    Backend exited during startup with code 3: ModuleNotFoundError: No module named 'fastapi'",
                "  Remedy:   Read the backend's last output below and the log file; run the backend by hand to see"
                        + " it fail",
                "  Attempts: 3 of 3",
                "  Exit code: 3",
                "  Last backend output:",
                "    | Traceback (most recent call last):",
                "    |   File \"main.py\", line 3, in <module>",
                "    | ModuleNotFoundError: No module named 'fastapi'",
                "  Checklist:",
                "    1. Python 3.10 or newer is installed (python3 --version)",
                "    2. The backend's packages are installed (python3 -m pip install -r"
                        + " " + BACKEND_DIR.resolve("requirements.txt") + ")",
                "    3. Port 8000 is free (lsof -i :8000)",
                "    4. No antivirus or firewall blocks python or connections to 127.0.0.1",
                "  Correlation id: backend-startup-1732334400000",
                "  Log file: /home/ada/.lifeline/logs/lifeline.log"));
    }

    @Test
    void givenCrash_whenRendering_thenSectionsComeInTheSeedsOrder() {
        StatusEvent.Failed failed = StatusEvents.failed(StartupFailures.exitedWithCode(3, List.of("boom")), 3,
                List.of("boom"));

        assertThat(render(failed)).containsSubsequence("Backend startup failed", "Cause:", "Remedy:",
                "Attempts: 3 of 3", "Exit code: 3", "Last backend output:", "    | boom", "Checklist:",
                "Python 3.10", "requirements.txt", "Port 8000 is free", "antivirus", "Correlation id:", "Log file:");
    }

    @Test
    void givenMissingPackages_whenRendering_thenNotRetriedAndTheExactPipCommand() {
        StatusEvent.Failed failed = StatusEvents.failed(StartupFailures.fastapiAndUvicornMissing(BACKEND_DIR), 1,
                List.of());

        String report = render(failed);

        assertThat(report)
                .contains("  Cause:    Required Python packages are missing for /usr/bin/python3: fastapi, uvicorn"
                        + System.lineSeparator())
                .contains("  Remedy:   Install them: /usr/bin/python3 -m pip install -r"
                        + " " + BACKEND_DIR.resolve("requirements.txt") + System.lineSeparator())
                .contains("  Attempts: 1 of 3 (not retried: another attempt cannot fix this)"
                        + System.lineSeparator())
                .doesNotContain("Exit code:")
                .doesNotContain("Last backend output:");
    }

    @Test
    void givenNoInterpreter_whenRendering_thenEveryRejectionIsListedUnderTheRemedy() {
        StatusEvent.Failed failed = StatusEvents.failed(StartupFailures.noInterpreterAmong(
                "/usr/bin/python3 (configured): Python 3.8.10 is too old", "python (PATH): not found"), 1, List.of());

        assertThat(render(failed)).contains(lines(
                "  Remedy:   Install Python 3.10+ and put it on PATH, or point Lifeline at one with --python"
                        + " /path/to/python",
                "            - /usr/bin/python3 (configured): Python 3.8.10 is too old",
                "            - python (PATH): not found",
                "  Attempts: 1 of 3 (not retried: another attempt cannot fix this)"));
    }

    @Test
    void givenLongOutput_whenRendering_thenOnlyTheLast15LinesAreShown() {
        List<String> output = StartupFailures.numberedLines(20);
        StatusEvent.Failed failed = StatusEvents.failed(StartupFailures.exitedWithCode(1, output), 3, output);

        List<String> shown = render(failed).lines().filter(line -> line.startsWith("    | "))
                .map(line -> line.substring("    | ".length())).toList();

        assertThat(shown).isEqualTo(output.subList(5, 20));
    }

    @Test
    void givenExactly15Lines_whenRendering_thenAllAreShown() {
        List<String> output = StartupFailures.numberedLines(15);
        StatusEvent.Failed failed = StatusEvents.failed(StartupFailures.exitedWithCode(1, output), 3, output);

        assertThat(render(failed).lines().filter(line -> line.startsWith("    | "))).hasSize(15);
    }

    @Test
    void givenOtherPort_whenRendering_thenChecklistNamesIt() {
        StatusEvent.Failed failed = StatusEvents.failed(StartupFailures.exitedWithCode(1, List.of()), 2, List.of());

        String report = FailureReport.render(failed, new Endpoint("localhost", 9123), 5, BACKEND, LOG_FILE, PYTHON);

        assertThat(report)
                .contains("  Attempts: 2 of 5" + System.lineSeparator())
                .contains("    3. Port 9123 is free (lsof -i :9123)")
                .contains("connections to localhost" + System.lineSeparator());
    }

    @Test
    void givenBackendDirWithSpace_whenRendering_thenTheChecklistCommandQuotesThePath() throws IOException {
        StatusEvent.Failed failed = StatusEvents.failed(StartupFailures.exitedWithCode(1, List.of()), 3, List.of());

        Path withSpace = withRequirements(installation.resolve("My Backend"));
        String report = FailureReport.render(failed, ENDPOINT, MAX_ATTEMPTS, BundledBackend.in(withSpace), LOG_FILE,
                PYTHON);

        assertThat(report).contains("python3 -m pip install -r \"" + withSpace.resolve("requirements.txt") + "\"");
    }

    @Test
    void givenAConfiguredPython_whenRendering_thenTheChecklistNamesItInsteadOfPython3() {
        StatusEvent.Failed failed = StatusEvents.failed(StartupFailures.exitedWithCode(1, List.of()), 3, List.of());

        String report = FailureReport.render(failed, ENDPOINT, MAX_ATTEMPTS,
                BACKEND.withInterpreter(Path.of("/opt/py312/bin/python")), LOG_FILE, PYTHON);

        assertThat(report)
                .contains("    1. Python 3.10 or newer is installed (/opt/py312/bin/python --version)")
                .contains("    2. The backend's packages are installed (/opt/py312/bin/python -m pip install -r"
                        + " " + BACKEND_DIR.resolve("requirements.txt") + ")")
                .doesNotContain("python3");
    }
}
