package io.lifeline.adapter.process;

import java.util.List;

/** The command of a Python backend script run by the interpreter Lifeline finds, as the bundled preset has it. */
final class PythonScript {

    static final List<String> MAIN_PY = command("main.py");

    private PythonScript() {
    }

    static List<String> command(String script) {
        return List.of(PythonCommands.INTERPRETER_PLACEHOLDER, script, "--port", "{port}", "--host", "{host}",
                "--correlation-id", "{correlationId}");
    }
}
