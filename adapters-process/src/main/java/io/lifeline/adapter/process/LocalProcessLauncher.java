package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendScriptMissing;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.CommandTemplate;
import io.lifeline.domain.model.ProgramBlocked;
import io.lifeline.domain.model.ProgramNotFound;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.LaunchFailed;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.port.out.BackendLauncher;
import io.lifeline.domain.port.out.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Spawns the backend's command with an argv list (never a shell), placeholders filled in, in its working directory:
 * {@code {python}} as the program is the interpreter {@link InterpreterFinder} chose (once per backend), any other
 * program is found by {@link ProgramResolver}; both say precisely what cannot run. It runs with the environment passed
 * through plus the backend's own variables and Lifeline's. Its stdin stays an open pipe that is never written: when
 * Lifeline dies, the pipe closes and a backend that honours the contract (docs/backend-contract.md) exits.
 */
public final class LocalProcessLauncher implements BackendLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(LocalProcessLauncher.class);
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT)
            .contains("win");
    private static final String NULL_DEVICE = WINDOWS ? "NUL" : "/dev/null";
    /** util-linux's setsid, when there is one: a detached backend gets its own session. */
    private static final java.util.Optional<Path> SETSID = WINDOWS ? java.util.Optional.empty()
            : java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
            .filter(Files::isExecutable).findFirst();

    private final InterpreterFinder interpreters;
    private final Executor executor;
    /** Interpreter discovery runs Python once per candidate; do it once per backend, not once per attempt. */
    private final Map<BackendSpec, InterpreterCheck.Usable> chosen = new ConcurrentHashMap<>();
    private final Optional<DiscoveryCache> discoveryCache;
    private final PrivateFiles files;

    /**
     * @param files          the check of every file kept in the run folder: the cache, a detached backend's output
     * @param discoveryCache where the interpreter discovery's choice is remembered between starts, if anywhere
     */
    public LocalProcessLauncher(InterpreterFinder interpreters, Executor executor, PrivateFiles files,
                                Optional<Path> discoveryCache) {
        this.interpreters = Objects.requireNonNull(interpreters, "interpreters");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.files = Objects.requireNonNull(files, "files");
        this.discoveryCache = discoveryCache.map(path -> new DiscoveryCache(path, files));
    }

    @Override
    public CompletionStage<LaunchResult> launch(LaunchRequest request) {
        return CompletableFuture.supplyAsync(() -> launchNow(request), executor);
    }

    private LaunchResult launchNow(LaunchRequest request) {
        MDC.put("correlationId", request.correlationId().value());
        try {
            BackendSpec backend = request.backend();
            if (!Files.isDirectory(backend.directory())) {
                return new LaunchResult.NotLaunched(new LaunchFailed(backend.describe(),
                        "its working directory " + backend.directory() + " does not exist"));
            }
            Map<String, String> values = CommandTemplate.standardValues(request.endpoint(), request.correlationId());
            if (!PythonCommands.findsInterpreter(backend.command())) {
                return launchProgram(request, values);
            }
            Optional<Path> script = PythonCommands.script(backend.command()).map(backend.directory()::resolve);
            if (script.isPresent() && !Files.isRegularFile(script.get())) {
                return new LaunchResult.NotLaunched(
                        new BackendScriptMissing(script.get().toAbsolutePath().toString()));
            }
            InterpreterCheck.Usable interpreter = chosen.get(backend);
            if (interpreter == null) {
                InterpreterFinder.Discovery discovery = interpreters.find(backend, discoveryCache);
                discovery.checks().forEach(check -> LOG.info("interpreter candidate {}", check.explain()));
                if (discovery.checks().isEmpty()) {
                    discovery.interpreter().ifPresent(remembered -> LOG.info("interpreter {} (remembered from an"
                            + " earlier start; lifeline doctor checks every candidate live)", remembered.explain()));
                }
                if (discovery.interpreter().isEmpty()) {
                    return new LaunchResult.NotLaunched(discovery.failure().orElseThrow());
                }
                interpreter = discovery.interpreter().get();
                chosen.put(backend, interpreter);
            }
            List<String> command = new ArrayList<>(interpreter.candidate().command());
            command.addAll(CommandTemplate.fill(backend.command().subList(1, backend.command().size()), values));
            return spawn(request, command, interpreter.candidate().display());
        } catch (RuntimeException unexpected) {
            LOG.error("launch failed unexpectedly", unexpected);
            return new LaunchResult.NotLaunched(new LaunchFailed(request.backend().describe(),
                    unexpected.toString()));
        } finally {
            MDC.remove("correlationId");
        }
    }

    /** Any program: found as the operating system would find it, so that what cannot run is said precisely. */
    private LaunchResult launchProgram(LaunchRequest request, Map<String, String> values) {
        BackendSpec backend = request.backend();
        List<String> command = new ArrayList<>(CommandTemplate.fill(backend.command(), values));
        ProgramResolver.Resolution program = ProgramResolver.resolve(command.get(0), backend);
        if (program.failure().isPresent()) {
            return new LaunchResult.NotLaunched(program.failure().get());
        }
        command.set(0, program.file().orElseThrow().toString());
        return spawn(request, command, command.get(0));
    }

    private LaunchResult spawn(LaunchRequest request, List<String> command, String program) {
        boolean detached = request.mode() instanceof LaunchMode.Detached;
        if (detached && SETSID.isPresent()) {
            // Its own session: Ctrl-C in Lifeline's terminal or the terminal closing must not reach it.
            command.add(0, SETSID.get().toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(request.backend().directory().toFile());
        Path outputFile = null;
        long offset = 0;
        if (request.mode() instanceof LaunchMode.Detached detachedMode) {
            outputFile = detachedMode.outputFile();
            try {
                // Created 0600 without following a link (or checked); the redirect then opens it by name, in a
                // folder only this user can write, so nobody can swap it in between.
                offset = files.appendable(outputFile);
            } catch (PrivateFiles.NotPrivate refused) {
                return new LaunchResult.NotLaunched(new LaunchFailed(String.join(" ", command),
                        "the backend's output file " + refused.getMessage()));
            } catch (UncheckedIOException failed) {
                return new LaunchResult.NotLaunched(new LaunchFailed(String.join(" ", command),
                        "cannot write the backend's output file " + outputFile + ": "
                                + failed.getCause().getMessage()));
            }
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File(NULL_DEVICE)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()));
        } else {
            builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        }
        Map<String, String> env = builder.environment();
        env.putAll(request.backend().environment());
        env.put("PYTHONUNBUFFERED", "1");
        env.put("BACKEND_PORT", Integer.toString(request.endpoint().port()));
        env.put("BACKEND_HOST", request.endpoint().host());
        env.put("LIFELINE_RUN", "true");
        env.put("LIFELINE_CORRELATION_ID", request.correlationId().value());
        env.put("LIFELINE_EXIT_ON_STDIN_EOF", Boolean.toString(!detached));
        if (detached) {
            env.remove("LIFELINE_PARENT_PID");
        } else {
            env.put("LIFELINE_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        }
        try {
            Process process = builder.start();
            LOG.info("launched backend pid {}{}: {}", process.pid(), detached ? " (detached)" : "",
                    String.join(" ", command));
            return new LaunchResult.Launched(new LocalRunningBackend(process, program,
                    request.correlationId(), outputFile, offset));
        } catch (IOException failed) {
            return new LaunchResult.NotLaunched(spawnFailure(program, String.join(" ", command),
                    String.valueOf(failed.getMessage())));
        }
    }

    /** The operating system's refusal, by its error number in the JDK's message ("error=13, Permission denied"). */
    static StartupFailure spawnFailure(String program, String command, String message) {
        if (message.contains("error=13,")) {
            return new ProgramBlocked(program, message.substring(message.indexOf("error=13,")));
        }
        if (message.contains("error=2,")) {
            // The file is there, so what is missing is the interpreter its #! line names (a moved venv).
            return PythonCommands.shebang(Path.of(program))
                    .<StartupFailure>map(interpreter -> new ProgramNotFound(interpreter, "the #! line of " + program
                            + "; a script's interpreter must exist, e.g. recreate a moved or deleted venv"))
                    .orElseGet(() -> new ProgramNotFound(program, "the operating system: " + message));
        }
        return new LaunchFailed(command, message);
    }
}
