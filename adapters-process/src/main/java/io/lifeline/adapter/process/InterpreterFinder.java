package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.PackagesMissing;
import io.lifeline.domain.model.StartupFailure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds a Python that can run the backend: the configured one if there is one, otherwise the backend's own venv,
 * then {@code python3}, {@code python} (and {@code py -3} on Windows) on PATH. Each candidate is actually run: it
 * must be Python 3.10+ and import every required module.
 */
public final class InterpreterFinder {

    static final int MIN_MAJOR = 3;
    static final int MIN_MINOR = 10;
    /** Importing FastAPI on a cold disk can take seconds; a candidate that takes longer is broken. */
    static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(20);
    private static final long OUTPUT_GRACE_SECONDS = 2;
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");

    /** Prints version, executable, then "ok NAME" or "missing NAME ErrorType" per module given as argument. */
    private static final String PROBE_SCRIPT = String.join("\n",
            "import sys, importlib",
            "print('version %d.%d.%d' % sys.version_info[:3])",
            "print('executable ' + sys.executable)",
            "for name in sys.argv[1:]:",
            "    try:",
            "        importlib.import_module(name)",
            "        print('ok ' + name)",
            "    except Exception as error:",
            "        print('missing ' + name + ' ' + type(error).__name__)");

    private final Map<String, String> environment;
    private final Duration checkTimeout;

    public InterpreterFinder() {
        this(System.getenv());
    }

    InterpreterFinder(Map<String, String> environment) {
        this(environment, DEFAULT_CHECK_TIMEOUT);
    }

    InterpreterFinder(Map<String, String> environment, Duration checkTimeout) {
        this.environment = Map.copyOf(environment);
        this.checkTimeout = checkTimeout;
    }

    /** The first usable interpreter, or the failure that explains why there is none. */
    public Discovery find(BackendSpec backend) {
        return find(backend, Optional.empty());
    }

    /** As {@link #find(BackendSpec)}, remembering the choice in {@code cache} while nothing it rests on changes. */
    Discovery find(BackendSpec backend, Optional<DiscoveryCache> cache) {
        List<InterpreterCandidate> candidates = candidates(backend);
        Optional<InterpreterCheck.Usable> remembered = cache.flatMap(known -> known.get(candidates,
                backend.requiredModules()));
        if (remembered.isPresent()) {
            return new Discovery(remembered, List.of(), Optional.empty());
        }
        List<InterpreterCheck> checks = new ArrayList<>();
        for (InterpreterCandidate candidate : candidates) {
            InterpreterCheck check = check(candidate, backend.requiredModules());
            checks.add(check);
            if (check instanceof InterpreterCheck.Usable usable) {
                cache.ifPresent(known -> known.put(candidates, backend.requiredModules(), usable));
                return new Discovery(Optional.of(usable), checks, Optional.empty());
            }
        }
        return new Discovery(Optional.empty(), checks, Optional.of(failureFor(backend, checks)));
    }

    /** Every candidate checked in the order {@link #find} tries them, without stopping at the first usable one. */
    public List<InterpreterCheck> checkAll(BackendSpec backend) {
        return candidates(backend).stream().map(candidate -> check(candidate, backend.requiredModules())).toList();
    }

    List<InterpreterCandidate> candidates(BackendSpec backend) {
        if (backend.interpreter().isPresent()) {
            return List.of(new InterpreterCandidate(List.of(backend.interpreter().get().toString()), "configured"));
        }
        List<InterpreterCandidate> candidates = new ArrayList<>();
        String venvPython = WINDOWS ? "Scripts/python.exe" : "bin/python";
        for (String venv : List.of("target/venv", ".venv", "venv")) {
            Path python = backend.directory().resolve(venv).resolve(venvPython);
            if (Files.isRegularFile(python)) {
                candidates.add(new InterpreterCandidate(List.of(python.toString()), "backend venv"));
            }
        }
        for (String name : List.of("python3", "python")) {
            Optional<Path> onPath = findOnPath(name);
            if (onPath.isPresent()) {
                candidates.add(new InterpreterCandidate(List.of(onPath.get().toString()), "PATH"));
            } else {
                candidates.add(new InterpreterCandidate(List.of(name), "PATH"));
            }
        }
        if (WINDOWS) {
            candidates.add(new InterpreterCandidate(List.of("py", "-3"), "Python launcher"));
        }
        return candidates;
    }

    InterpreterCheck check(InterpreterCandidate candidate, List<String> modules) {
        List<String> command = new ArrayList<>(candidate.command());
        command.add("-c");
        command.add(PROBE_SCRIPT);
        command.addAll(modules);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notRunnable) {
            return new InterpreterCheck.Broken(candidate, "not found or not executable");
        }
        // Read on the side, so a candidate that hangs with its output open cannot outlast the timeout.
        CompletableFuture<byte[]> output = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                output.complete(in.readAllBytes());
            } catch (IOException failed) {
                output.complete(new byte[0]);
            }
        }, "interpreter-check-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(checkTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                return new InterpreterCheck.Broken(candidate,
                        "did not answer within " + Durations.format(checkTimeout));
            }
            byte[] text = output.get(OUTPUT_GRACE_SECONDS, TimeUnit.SECONDS);
            return parse(candidate, process.exitValue(), new String(text, StandardCharsets.UTF_8));
        } catch (IOException | ExecutionException | TimeoutException failed) {
            killTree(process);
            return new InterpreterCheck.Broken(candidate, "failed to run: " + failed.getMessage());
        } catch (InterruptedException interrupted) {
            killTree(process);
            Thread.currentThread().interrupt();
            return new InterpreterCheck.Broken(candidate, "check interrupted");
        }
    }

    private static void killTree(Process process) {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.toHandle().destroyForcibly();
    }

    static InterpreterCheck parse(InterpreterCandidate candidate, int exitCode, String output) {
        String version = null;
        String executable = candidate.display();
        List<String> missing = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.startsWith("version ")) {
                version = line.substring("version ".length()).strip();
            } else if (line.startsWith("executable ")) {
                executable = line.substring("executable ".length()).strip();
            } else if (line.startsWith("missing ")) {
                missing.add(line.split(" ")[1]);
            }
        }
        if (version == null) {
            String firstLine = output.strip().lines().findFirst().orElse("no output");
            return new InterpreterCheck.Broken(candidate, "exited with code " + exitCode + " (" + firstLine + ")");
        }
        java.util.regex.Matcher parts = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)(\\..*)?").matcher(version);
        if (!parts.matches()) {
            return new InterpreterCheck.Broken(candidate, "reported an unreadable version '" + version + "'");
        }
        int major = Integer.parseInt(parts.group(1));
        int minor = Integer.parseInt(parts.group(2));
        if (major < MIN_MAJOR || (major == MIN_MAJOR && minor < MIN_MINOR)) {
            return new InterpreterCheck.TooOld(candidate, version);
        }
        if (!missing.isEmpty()) {
            return new InterpreterCheck.MissingModules(candidate, executable, version, missing);
        }
        return new InterpreterCheck.Usable(candidate, executable, version);
    }

    private static StartupFailure failureFor(BackendSpec backend, List<InterpreterCheck> checks) {
        // A recent Python that only lacks packages is one pip command away from working: say that, not "not found".
        for (InterpreterCheck check : checks) {
            if (check instanceof InterpreterCheck.MissingModules missing) {
                String interpreter = missing.candidate().display();
                return new PackagesMissing(PythonBackendProfile.LANGUAGE, missing.modules(), interpreter,
                        PythonBackendProfile.installCommand(backend, interpreter, missing.modules()));
            }
        }
        return PythonBackendProfile.interpreterNotFound(checks.stream().map(InterpreterCheck::explain).toList());
    }

    private Optional<Path> findOnPath(String name) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String suffix : WINDOWS ? List.of(".exe", "") : List.of("")) {
                Path candidate = Path.of(dir, name + suffix);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The outcome: the interpreter chosen (if any), every check made in order, and the failure when none works. */
    public record Discovery(Optional<InterpreterCheck.Usable> interpreter, List<InterpreterCheck> checks,
                            Optional<StartupFailure> failure) {
        public Discovery {
            checks = List.copyOf(checks);
        }
    }
}
