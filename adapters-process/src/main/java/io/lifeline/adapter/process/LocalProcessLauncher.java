package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.port.out.BackendLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Spawns the backend as {@code <python> <script> --port P --host H --correlation-id C} with an argv list (never a
 * shell), in the backend's directory, with the environment passed through plus the Lifeline variables. Its stdin stays
 * an open pipe that is never written: when Lifeline dies, the pipe closes and a backend that honours the contract
 * (docs/backend-contract.md) exits.
 */
public final class LocalProcessLauncher implements BackendLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(LocalProcessLauncher.class);

    private final InterpreterFinder interpreters;
    private final Executor executor;
    /** Interpreter discovery runs Python once per candidate; do it once per backend, not once per attempt. */
    private final Map<BackendSpec, InterpreterCheck.Usable> chosen = new ConcurrentHashMap<>();

    public LocalProcessLauncher(InterpreterFinder interpreters, Executor executor) {
        this.interpreters = Objects.requireNonNull(interpreters, "interpreters");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public CompletionStage<LaunchResult> launch(LaunchRequest request) {
        return CompletableFuture.supplyAsync(() -> launchNow(request), executor);
    }

    private LaunchResult launchNow(LaunchRequest request) {
        MDC.put("correlationId", request.correlationId().value());
        try {
            BackendSpec backend = request.backend();
            if (!Files.isRegularFile(backend.scriptPath())) {
                return new LaunchResult.NotLaunched(
                        new StartupFailure.BackendScriptMissing(backend.scriptPath().toAbsolutePath().toString()));
            }
            InterpreterCheck.Usable interpreter = chosen.get(backend);
            if (interpreter == null) {
                InterpreterFinder.Discovery discovery = interpreters.find(backend);
                discovery.checks().forEach(check -> LOG.info("interpreter candidate {}", check.explain()));
                if (discovery.interpreter().isEmpty()) {
                    return new LaunchResult.NotLaunched(discovery.failure().orElseThrow());
                }
                interpreter = discovery.interpreter().get();
                chosen.put(backend, interpreter);
            }
            return spawn(request, interpreter);
        } catch (RuntimeException unexpected) {
            LOG.error("launch failed unexpectedly", unexpected);
            return new LaunchResult.NotLaunched(new StartupFailure.LaunchFailed(
                    request.backend().scriptPath().toString(), unexpected.toString()));
        } finally {
            MDC.remove("correlationId");
        }
    }

    private LaunchResult spawn(LaunchRequest request, InterpreterCheck.Usable interpreter) {
        List<String> command = command(request, interpreter.candidate());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(request.backend().directory().toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        env.putAll(request.backend().environment());
        env.put("PYTHONUNBUFFERED", "1");
        env.put("BACKEND_PORT", Integer.toString(request.endpoint().port()));
        env.put("BACKEND_HOST", request.endpoint().host());
        env.put("LIFELINE_RUN", "true");
        env.put("LIFELINE_CORRELATION_ID", request.correlationId().value());
        env.put("LIFELINE_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        try {
            Process process = builder.start();
            LOG.info("launched backend pid {}: {}", process.pid(), String.join(" ", command));
            return new LaunchResult.Launched(
                    new LocalRunningBackend(process, interpreter.candidate().display(), request.correlationId()));
        } catch (IOException failed) {
            return new LaunchResult.NotLaunched(
                    new StartupFailure.LaunchFailed(String.join(" ", command), failed.getMessage()));
        }
    }

    static List<String> command(LaunchRequest request, InterpreterCandidate interpreter) {
        List<String> command = new ArrayList<>(interpreter.command());
        command.add(request.backend().script());
        command.add("--port");
        command.add(Integer.toString(request.endpoint().port()));
        command.add("--host");
        command.add(request.endpoint().host());
        command.add("--correlation-id");
        command.add(request.correlationId().value());
        return command;
    }
}
