package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendProfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the launcher reads from a Python command: {@code {python}} as the program means "the interpreter Lifeline
 * finds", its first argument may be a script that must exist, and a program that ran (an interpreter, or a script such
 * as {@code uvicorn}) has an interpreter behind it that installs its packages.
 */
public final class PythonCommands {

    /** The placeholder for the interpreter Lifeline finds: only as the program, the first word of the command. */
    public static final String INTERPRETER_PLACEHOLDER = "{python}";

    private static final Pattern INTERPRETER_NAME = Pattern.compile("python(\\d+(\\.\\d+)*)?w?(\\.exe)?",
            Pattern.CASE_INSENSITIVE);
    /** Python servers that are their own command. */
    private static final Set<String> SERVERS = Set.of("uvicorn", "gunicorn", "hypercorn");

    private PythonCommands() {
    }

    /**
     * Whether a command runs Python, so that Python's own failures are read from its output and a report checks its
     * interpreter: {@code {python} ...} (the interpreter Lifeline finds), a Python interpreter named directly, or a
     * Python server that is its own command ({@code uvicorn}, {@code gunicorn}, {@code hypercorn}).
     */
    public static boolean recognises(List<String> command) {
        String program = command.get(0);
        if (program.equals(INTERPRETER_PLACEHOLDER)) {
            return true;
        }
        String name = BackendProfile.fileName(program);
        return INTERPRETER_NAME.matcher(name).matches() || SERVERS.contains(name);
    }

    /** The profile for a command: Python's words for a Python command, else the generic ones. */
    public static BackendProfile profileFor(List<String> command) {
        return recognises(command) ? new PythonBackendProfile() : BackendProfile.GENERIC;
    }

    /** Whether the interpreter is to be found by Lifeline (the bundled preset, or {@code {python} -m app}). */
    public static boolean findsInterpreter(List<String> command) {
        return command.get(0).equals(INTERPRETER_PLACEHOLDER);
    }

    /** The script a found interpreter runs: the first argument, unless it is an option ({@code -m app}). */
    static Optional<String> script(List<String> command) {
        if (!findsInterpreter(command) || command.size() < 2 || command.get(1).startsWith("-")) {
            return Optional.empty();
        }
        return Optional.of(command.get(1));
    }

    /**
     * The interpreter behind a program that ran: the program itself when it is one; for a script such as
     * {@code .venv/bin/uvicorn}, the venv's python next to it, else the interpreter of its {@code #!} line; else
     * {@code python3}.
     */
    static String interpreterOf(String program) {
        if (INTERPRETER_NAME.matcher(BackendProfile.fileName(program)).matches() || program.contains(" ")
                && !Files.exists(Path.of(program))) {
            return program; // an interpreter, or a launcher with its arguments ("py -3")
        }
        Path path = Path.of(program);
        for (String sibling : List.of("python", "python.exe", "python3")) {
            Path candidate = path.resolveSibling(sibling);
            if (path.getParent() != null && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return shebangInterpreter(path).orElse("python3");
    }

    private static Optional<String> shebangInterpreter(Path script) {
        return shebang(script).map(PythonCommands::envTarget)
                .filter(interpreter -> INTERPRETER_NAME.matcher(BackendProfile.fileName(interpreter)).matches());
    }

    /** The interpreter a script's {@code #!} line names, as written; empty for a file without one. */
    static Optional<String> shebang(Path script) {
        if (!Files.isRegularFile(script)) {
            return Optional.empty();
        }
        try (BufferedReader reader = Files.newBufferedReader(script, StandardCharsets.ISO_8859_1)) {
            String first = reader.readLine();
            if (first == null || !first.startsWith("#!") || first.substring(2).isBlank()) {
                return Optional.empty();
            }
            return Optional.of(first.substring(2).strip());
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** "/usr/bin/env python3" names the interpreter second; otherwise the first word is it. */
    private static String envTarget(String line) {
        List<String> words = List.of(line.split("\\s+"));
        return BackendProfile.fileName(words.get(0)).equals("env") && words.size() > 1 ? words.get(1) : words.get(0);
    }
}
