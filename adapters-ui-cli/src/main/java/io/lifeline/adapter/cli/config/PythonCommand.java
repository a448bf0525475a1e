package io.lifeline.adapter.cli.config;

import java.util.List;

/**
 * The one Python word of the configuration language: {@code {python}} as the program of a command means the
 * interpreter Lifeline finds (the bundled preset, {@code {python} -m app}), and only then does the {@code python}
 * setting apply. What Lifeline knows about Python itself (the minimum version, the {@code pip} command, which commands
 * run Python) is the process adapter's ({@code PythonBackendProfile}, {@code PythonCommands}); the reports and
 * {@code lifeline doctor} reach it through the backend's profile.
 */
public final class PythonCommand {

    /** The interpreter Lifeline finds; only as the program, the first word. */
    public static final String PLACEHOLDER = "{python}";

    private PythonCommand() {
    }

    /** Whether Lifeline finds the interpreter (and so the {@code python} setting applies). */
    public static boolean findsInterpreter(List<String> command) {
        return command.get(0).equals(PLACEHOLDER);
    }
}
