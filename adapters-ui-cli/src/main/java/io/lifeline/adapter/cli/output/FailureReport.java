package io.lifeline.adapter.cli.output;

import io.lifeline.adapter.cli.config.BundledBackend;
import io.lifeline.adapter.cli.config.CommandWords;
import io.lifeline.adapter.cli.config.PythonCommand;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.CommandTemplate;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.InertText;
import io.lifeline.domain.model.RestartLimitReached;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StatusEvent;

import java.nio.file.Path;
import java.util.List;

/**
 * The seed's error dialog as a terminal report: the classified cause first, then what to do, the checklist, the
 * attempts, the backend's last words, and how to find the whole story in the log.
 */
public final class FailureReport {

    private static final int OUTPUT_LINES = 15;
    /** What the checklist tells to run when no interpreter is configured. */
    private static final String DEFAULT_PYTHON = "python3";

    private FailureReport() {
    }

    /**
     * @param backend the backend as configured: the checklist names its configured interpreter, else {@code python3}
     */
    public static String render(StatusEvent.Failed failed, Endpoint endpoint, int maxAttempts, BackendSpec backend,
                                Path logFile) {
        String python = backend.interpreter().map(Path::toString).orElse(DEFAULT_PYTHON);
        StartupFailure cause = failed.cause();
        StringBuilder report = new StringBuilder();
        line(report, "");
        boolean gaveUp = cause instanceof RestartLimitReached;
        line(report, gaveUp ? "Backend kept going down: Lifeline gave up restarting it" : "Backend startup failed");
        line(report, "  Cause:    " + cause.summary());
        line(report, "  Remedy:   " + cause.remedy(CliSettingNames.INSTANCE));
        for (String detail : cause.details()) {
            line(report, "            - " + detail);
        }
        if (!gaveUp) {
            line(report, "  Attempts: " + failed.attempts() + " of " + maxAttempts
                    + (cause.retryable() ? "" : " (not retried: another attempt cannot fix this)"));
        }
        if (cause instanceof ExitedDuringStartup exited) {
            line(report, "  Exit code: " + exited.exitCode());
        }
        List<String> output = failed.lastOutput();
        if (!output.isEmpty()) {
            line(report, "  Last backend output:");
            output.subList(Math.max(0, output.size() - OUTPUT_LINES), output.size())
                    .forEach(text -> line(report, "    | " + text));
        }
        line(report, "  Checklist:");
        if (PythonCommand.findsInterpreter(backend.command())) {
            line(report, "    1. Python 3.10 or newer is installed (" + quoted(python) + " --version)");
            line(report, "    2. The backend's packages are installed (" + BundledBackend.installCommand(backend, python)
                    .orElse("whatever it imports, for " + python) + ")");
        } else {
            List<String> command = CommandTemplate.fill(backend.command(),
                    CommandTemplate.standardValues(endpoint, failed.correlationId()));
            line(report, "    1. The command runs by hand in " + backend.directory() + ": "
                    + CommandWords.join(command));
            line(report, "    2. What it needs is installed (lifeline doctor checks the program)");
        }
        line(report, "    3. Port " + endpoint.port() + " is free (lsof -i :" + endpoint.port() + ")");
        line(report, "    4. No antivirus or firewall blocks " + (PythonCommand.findsInterpreter(backend.command())
                ? "python" : backend.program()) + " or connections to " + endpoint.host());
        line(report, "  Correlation id: " + failed.correlationId());
        line(report, "  Log file: " + logFile);
        return report.toString();
    }

    private static String quoted(String command) {
        return command.contains(" ") ? '"' + command + '"' : command;
    }

    /** Every line inert: the cause, the details and the backend's last output carry text from outside. */
    private static void line(StringBuilder report, String text) {
        report.append(InertText.line(text)).append(System.lineSeparator());
    }
}
