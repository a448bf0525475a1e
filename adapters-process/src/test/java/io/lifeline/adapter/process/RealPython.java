package io.lifeline.adapter.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The machine's real Python 3 executable (not a shim such as pyenv's), found by asking {@code python3} itself, once.
 * Independent of {@link InterpreterFinder}, so tests of the finder do not rely on the finder.
 */
final class RealPython {

    private static Path executable;

    private RealPython() {
    }

    static synchronized Path executable() {
        if (executable == null) {
            executable = resolve();
        }
        return executable;
    }

    private static Path resolve() {
        try {
            Process process = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)")
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("python3 on PATH did not report its executable: " + output);
            }
            Path path = Path.of(output).toRealPath();
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("python3 reported a non-executable path: " + path);
            }
            return path;
        } catch (IOException notRunnable) {
            throw new UncheckedIOException("these tests need python3 on PATH", notRunnable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
