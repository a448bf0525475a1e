package io.lifeline.adapter.cli.output;

import io.lifeline.adapter.cli.config.CommandWords;
import io.lifeline.adapter.cli.config.PythonCommand;
import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.CommandTemplate;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.InertText;
import io.lifeline.domain.model.RestartLimitReached;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StatusEvent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's error dialog as a terminal report: the classified cause first, then what to do, the checklist, the
 * attempts, the backend's last words, and how to find the whole story in the log.
 */
public final class FailureReport {

    private static final int OUTPUT_LINES = 15;

    private FailureReport() {
    }

    /**
     * @param backend the backend as configured
     * @param profile what its kind of backend needs, for the checklist's first lines (Python's version and packages)
     */
    public static String render(StatusEvent.Failed failed, Endpoint endpoint, int maxAttempts, BackendSpec backend,
                                Path logFile, BackendProfile profile) {
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
        List<String> checks = new ArrayList<>(profile.setupChecklist(backend));
        if (checks.isEmpty()) {
            checks.add("The command runs by hand in " + backend.directory() + ": " + byHand(backend, endpoint,
                    failed));
            checks.add("What it needs is installed (lifeline doctor checks the program)");
        }
        checks.add("Port " + endpoint.port() + " is free (lsof -i :" + endpoint.port() + ")");
        checks.add("No antivirus or firewall blocks " + (PythonCommand.findsInterpreter(backend.command())
                ? "python" : backend.program()) + " or connections to " + endpoint.host());
        for (int i = 0; i < checks.size(); i++) {
            line(report, "    " + (i + 1) + ". " + checks.get(i));
        }
        line(report, "  Correlation id: " + failed.correlationId());
        line(report, "  Log file: " + logFile);
        return report.toString();
    }

    /** The command as one would type it, placeholders filled; as configured when one is not Lifeline's to fill. */
    private static String byHand(BackendSpec backend, Endpoint endpoint, StatusEvent.Failed failed) {
        try {
            return CommandWords.join(CommandTemplate.fill(backend.command(),
                    CommandTemplate.standardValues(endpoint, failed.correlationId())));
        } catch (IllegalArgumentException unfilled) {
            return CommandWords.join(backend.command());
        }
    }

    /** Every line inert: the cause, the details and the backend's last output carry text from outside. */
    private static void line(StringBuilder report, String text) {
        report.append(InertText.line(text)).append(System.lineSeparator());
    }
}
