package io.lifeline.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** The real {@code lifeline} command as a separate JVM, the way a user or a front end runs it. */
final class LifelineCli {

    static final Path LOG_DIR = Fixture.WORK.resolve("cli-logs");
    static final Path RUN_DIR = Fixture.WORK.resolve("cli-run");

    final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    final Process process;

    private LifelineCli(Process process) {
        this.process = process;
        collect(process.getInputStream(), stdout);
        collect(process.getErrorStream(), stderr);
    }

    static LifelineCli run(Map<String, String> env, String... args) throws IOException {
        return runIn(Fixture.WORK, env, args);
    }

    /** As {@link #run}, from another folder: the repository root, for a recipe written to run from there. */
    static LifelineCli runIn(Path folder, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dlifeline.home=" + Fixture.DIR.getParent(), "-jar", Fixture.JAR.toString()));
        command.addAll(List.of(args));
        if (args.length > 0 && !args[0].startsWith("-")) {
            command.addAll(List.of("--log-dir", LOG_DIR.toString()));
            // Launch records, port locks and the interpreter cache stay in the build, not in the user's home.
            if (List.of("start", "stop", "status", "doctor").contains(args[0]) && !List.of(args).contains("--run-dir")) {
                command.addAll(List.of("--run-dir", RUN_DIR.toString()));
            }
        }
        Files.createDirectories(Fixture.WORK);
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().putAll(env);
        builder.environment().put("BACKEND_LOG_FILE", Fixture.WORK.resolve("backend.log").toString());
        return new LifelineCli(builder.start());
    }

    /** Waits until it exits; returns the exit code. */
    int exitCode(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("lifeline did not exit within " + limit + "; stdout " + stdout);
        }
        // Its output pipes may still hold the last lines when the process is reaped.
        await().atMost(Duration.ofSeconds(5)).until(() -> !readersRunning());
        return process.exitValue();
    }

    Optional<Matcher> line(Pattern pattern) {
        synchronized (stdout) {
            return stdout.stream().map(pattern::matcher).filter(Matcher::find).findFirst();
        }
    }

    Matcher awaitLine(Pattern pattern, Duration limit) {
        await("stdout line " + pattern).atMost(limit).until(() -> line(pattern).isPresent());
        return line(pattern).orElseThrow();
    }

    /** SIGTERM through the handle: Process.destroy() would also close our end of its output pipes. */
    void sigterm() {
        process.toHandle().destroy();
    }

    void sigkill() {
        process.toHandle().destroyForcibly();
    }

    private final List<Thread> readers = new ArrayList<>();

    private boolean readersRunning() {
        return readers.stream().anyMatch(Thread::isAlive);
    }

    private void collect(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                lines.add("(output unreadable: " + closed + ")");
            }
        });
        reader.setDaemon(true);
        readers.add(reader);
        reader.start();
    }
}
