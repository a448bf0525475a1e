package io.lifeline.adapter.cli.config;

import io.lifeline.domain.model.BackendProfile;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which backend commands run Python, so that Python's own failures are read from their output and the doctor checks
 * interpreters: {@code {python} ...} (the interpreter Lifeline finds: the bundled preset, {@code {python} -m app}), a
 * Python interpreter named directly, or a Python server that is its own command ({@code uvicorn}, {@code gunicorn},
 * {@code hypercorn}).
 */
public final class PythonCommand {

    /** The interpreter Lifeline finds; only as the program, the first word. */
    public static final String PLACEHOLDER = "{python}";

    private static final Pattern INTERPRETER = Pattern.compile("python(\\d+(\\.\\d+)*)?w?(\\.exe)?",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> SERVERS = Set.of("uvicorn", "gunicorn", "hypercorn");

    private PythonCommand() {
    }

    public static boolean recognises(List<String> command) {
        String program = command.get(0);
        if (program.equals(PLACEHOLDER)) {
            return true;
        }
        String name = BackendProfile.fileName(program);
        return INTERPRETER.matcher(name).matches() || SERVERS.contains(name);
    }

    /** Whether Lifeline finds the interpreter (and so the {@code python} setting applies). */
    public static boolean findsInterpreter(List<String> command) {
        return command.get(0).equals(PLACEHOLDER);
    }
}
