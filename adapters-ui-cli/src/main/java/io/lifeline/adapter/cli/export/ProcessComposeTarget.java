package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lifeline.adapter.cli.config.HealthContract;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.RestartPolicy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code lifeline export process-compose}: one {@code process-compose.yaml} with a process per backend, plus
 * {@code <app>-<backend>.env.example} naming the secrets of a backend's {@code env_file} (process-compose 1.100 or
 * later reads it). Readiness is process-compose's {@code readiness_probe}: the backend's own check as a command
 * ({@link CheckCommand}, run by the interpreter of this machine), so a JSON contract is checked in full and not
 * weakened to a status code; a ready line is {@code ready_log_line}. That probe keeps running once the process is
 * ready and stops it after its failure threshold, which is what stands for liveness here: process-compose's
 * {@code liveness_probe} acts on daemons only ({@code is_daemon}), so none is written.
 */
public final class ProcessComposeTarget implements ExportTarget {

    static final String FILE = "process-compose.yaml";
    /** The file format process-compose's documentation writes. */
    static final String VERSION = "0.5";
    /** SIGTERM, as Lifeline stops a backend's tree. */
    static final int STOP_SIGNAL = 15;
    private static final String PYTHON = "python3";
    private static final String NODE = "node";
    /** What process-compose's {@code ready_log_line} can say: a plain text it finds in a line, no pattern. */
    private static final Pattern LITERAL = Pattern.compile("[^\\\\\\[\\](){}.*+?^$|]+");


    @Override
    public String name() {
        return "process-compose";
    }


    @Override
    public Rendering render(Deployment deployment) {
        List<Loss> losses = new ArrayList<>();
        Map<String, Readiness> readiness = new LinkedHashMap<>();
        for (DeployedBackend backend : deployment.backends()) {
            readiness.put(backend.name().value(), readiness(backend, losses));
        }
        Map<String, Object> processes = new LinkedHashMap<>();
        for (DeployedBackend backend : deployment.backends()) {
            processes.put(backend.name().value(), process(deployment, backend, readiness, losses));
        }
        Map<String, Object> project = new LinkedHashMap<>();
        project.put("version", VERSION);
        // the commands are quoted for the shell: process-compose must not substitute $NAME in them first
        project.put("disable_env_expansion", true);
        project.put("processes", processes);

        List<BackendName> order = deployment.backends().stream().map(DeployedBackend::name).toList();
        losses.sort(java.util.Comparator.comparingInt(loss -> order.indexOf(loss.backend())));
        List<Rendering.ExportFile> files = new ArrayList<>();
        files.add(new Rendering.ExportFile(FILE, header(deployment, losses) + yaml(dollarsEscaped(project))));
        for (DeployedBackend backend : deployment.backends()) {
            if (!backend.secretEnv().isEmpty()) {
                files.add(new Rendering.ExportFile(envName(deployment, backend) + ".example",
                        envExample(deployment, backend)));
            }
        }
        return new Rendering(files, losses);
    }

    /** How a process says it is ready: a probe, a log line, or nothing but running. */
    private record Readiness(Optional<Map<String, Object>> probe, Optional<String> logLine) {
        static final Readiness NONE = new Readiness(Optional.empty(), Optional.empty());
    }

    private Map<String, Object> process(Deployment deployment, DeployedBackend backend,
                                        Map<String, Readiness> readiness, List<Loss> losses) {
        Placeholders.correlationLoss(deployment, backend).ifPresent(losses::add);
        String host = backend.endpoint().host();
        String python = backend.interpreter().map(Path::toString).orElse(PYTHON);
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("command", ShellWords.line(Placeholders.fill(deployment, backend, host, python)));
        // Its program is found as under Lifeline: process-compose runs the line with its shell in working_dir, with
        // the user's PATH, so ./server and npx need no resolving here (systemd's units do).
        // The command as written: process-compose renders it as a Go template otherwise ({{ in it fails the load).
        process.put("is_template_disabled", true);
        process.put("working_dir", templateLiteral(backend.workingDir().toString()));
        List<String> environment = environment(backend, host, losses);
        if (!environment.isEmpty()) {
            process.put("environment", environment);
        }
        if (!backend.secretEnv().isEmpty()) {
            process.put("env_file", backend.workingDir().resolve(envName(deployment, backend)).toString());
        }
        Readiness own = readiness.get(backend.name().value());
        own.probe().ifPresent(probe -> process.put("readiness_probe", probe));
        own.logLine().ifPresent(line -> process.put("ready_log_line", line));
        process.put("availability", availability(backend, own, losses));
        Map<String, Object> shutdown = new LinkedHashMap<>();
        shutdown.put("signal", STOP_SIGNAL);
        shutdown.put("timeout_seconds", seconds(backend, "stopGrace", backend.stopGrace(), losses));
        process.put("shutdown", shutdown);
        Map<String, Object> dependsOn = new LinkedHashMap<>();
        for (Dependency dependency : backend.dependsOn()) {
            dependsOn.put(dependency.on().value(), Map.of("condition",
                    condition(backend, dependency, readiness.getOrDefault(dependency.on().value(), Readiness.NONE),
                            losses)));
        }
        if (!dependsOn.isEmpty()) {
            process.put("depends_on", dependsOn);
        }
        return process;
    }

    private Readiness readiness(DeployedBackend backend, List<Loss> losses) {
        if (backend.job()) {
            losses.add(new Loss(backend.name(), "startupTimeout", "process-compose lets a job run as long as it"
                    + " takes, not " + Durations.format(backend.timeouts().startupTimeout())));
            return Readiness.NONE;
        }
        if (backend.check().contract() == HealthContract.NONE) {
            Optional<String> line = backend.check().readyLine().map(Pattern::pattern);
            if (line.isPresent() && LITERAL.matcher(line.get()).matches()) {
                losses.add(new Loss(backend.name(), "startupTimeout", "process-compose waits for the ready line"
                        + " without a limit, not " + Durations.format(backend.timeouts().startupTimeout())));
                return new Readiness(Optional.empty(), line);
            }
            losses.add(new Loss(backend.name(), "readyLine", line.map(text -> "'" + text + "' is a pattern; "
                    + "process-compose's ready_log_line finds plain text only").orElse("no ready line")
                    + ": the process counts as ready once it runs"));
            return Readiness.NONE;
        }
        return new Readiness(Optional.of(probe(backend, losses)), Optional.empty());
    }

    /** The readiness probe: every probeInterval, given up after startupTimeout of failures in a row. */
    private Map<String, Object> probe(DeployedBackend backend, List<Loss> losses) {
        Map<String, Object> probe = new LinkedHashMap<>();
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("command", templateLiteral(ShellWords.line(check(backend))));
        exec.put("working_dir", backend.workingDir().toString());
        probe.put("exec", exec);
        long period = seconds(backend, "probeInterval", backend.timeouts().probeInterval(), losses);
        long threshold = WholeSeconds.probesCovering(backend.timeouts().startupTimeout(), period);
        if (threshold * period != backend.timeouts().startupTimeout().toSeconds()
                || !WholeSeconds.isWhole(backend.timeouts().startupTimeout())) {
            losses.add(new Loss(backend.name(), "startupTimeout", "process-compose gives up after " + threshold
                    + " failed probes " + period + " s apart: " + threshold * period + " s, not "
                    + Durations.format(backend.timeouts().startupTimeout())));
        }
        probe.put("initial_delay_seconds", 0);
        probe.put("period_seconds", period);
        // the probe is a program: it bounds its request by healthTimeout itself, and its own start counts here too
        long timeout = WholeSeconds.ceil(HealthCheck.programTimeout(backend.timeouts().probeTimeout()));
        if (timeout > period) {
            losses.add(new Loss(backend.name(), "startupTimeout", "a check that hangs takes its whole timeout ("
                    + timeout + " s, longer than the " + period + " s period) and probes do not overlap, so the "
                    + threshold + " failed probes can take up to " + threshold * timeout + " s, not "
                    + Durations.format(backend.timeouts().startupTimeout())));
        }
        probe.put("timeout_seconds", timeout);
        probe.put("success_threshold", 1);
        probe.put("failure_threshold", threshold);
        livenessLoss(backend, period, threshold, losses);
        HealthContract contract = backend.check().contract();
        if (!backend.check().acceptDegraded() && (contract == HealthContract.LIFELINE
                || contract == HealthContract.IETF)) {
            losses.add(new Loss(backend.name(), "acceptDegraded", "false: the readiness probe goes on after the start"
                    + " with the start's rule, so a backend degraded after its start fails it and is stopped, where"
                    + " Lifeline's liveness checks pass it"));
        }
        return probe;
    }

    /**
     * The backend's check as a command for this machine: in its own runtime's language with its interpreter, else
     * in Python with {@code python3}, which every contract has a check in.
     */
    private static List<String> check(DeployedBackend backend) {
        String host = backend.endpoint().host();
        Optional<List<String>> own = switch (backend.runtime()) {
            case PYTHON -> CheckCommand.of(backend, DeployedBackend.Runtime.PYTHON,
                    backend.interpreter().map(Path::toString).orElse(PYTHON), host);
            case NODE -> CheckCommand.of(backend, DeployedBackend.Runtime.NODE, NODE, host);
            case OTHER -> Optional.empty();
        };
        return own.or(() -> CheckCommand.of(backend, DeployedBackend.Runtime.PYTHON, PYTHON, host))
                .orElseThrow(() -> new ExportRefused(backend.name() + ": health: no check command for the "
                        + backend.check().contract() + " contract: use health: status-code or tcp"));
    }

    private static void livenessLoss(DeployedBackend backend, long period, long threshold, List<Loss> losses) {
        var liveness = backend.supervision().liveness();
        String after = "after " + threshold + " failed probes " + period + " s apart";
        if (!liveness.enabled()) {
            losses.add(new Loss(backend.name(), "livenessInterval", "liveness is off, but process-compose's readiness"
                    + " probe keeps probing once ready and stops the process " + after));
        } else if (!(WholeSeconds.isWhole(liveness.interval()) && liveness.interval().toSeconds() == period
                && liveness.failureThreshold() == threshold)) {
            losses.add(new Loss(backend.name(), "livenessInterval", "process-compose's liveness_probe acts on daemons"
                    + " only: its readiness probe, which keeps probing, stops the process " + after + ", not after "
                    + liveness.failureThreshold() + " failed checks "
                    + Durations.format(liveness.interval()) + " apart"));
        }
    }

    private Map<String, Object> availability(DeployedBackend backend, Readiness readiness, List<Loss> losses) {
        RestartPolicy restart = backend.supervision().restart();
        Map<String, Object> availability = new LinkedHashMap<>();
        boolean restarts = !backend.job() && restart.mode() != RestartPolicy.Mode.NEVER;
        if (!restarts) {
            availability.put("restart", "no");
        } else {
            availability.put("restart", restart.mode() == RestartPolicy.Mode.ALWAYS ? "always" : "on_failure");
            availability.put("backoff_seconds", seconds(backend, "restartDelay", restart.initialDelay(), losses));
            availability.put("max_restarts", restart.maxRestarts());
        }
        if (backend.retry().maxAttempts() > 1) {
            String failedStart = readiness.probe().isPresent() ? "a start whose readiness probe gives up"
                    : "a failed start";
            losses.add(new Loss(backend.name(), "maxAttempts", backend.job()
                    ? "a job runs once: a failed run is not tried again"
                    : restarts ? failedStart + " is restarted under availability (backoff_seconds, max_restarts),"
                    + " not tried " + backend.retry().maxAttempts() + " times with retryDelay's doubling waits"
                    : failedStart + " is not tried again (restart is never)"));
        }
        if (restarts) {
            if (restart.multiplier() > 1.0 && restart.maxDelay().compareTo(restart.initialDelay()) > 0) {
                losses.add(new Loss(backend.name(), "restartDelay", "process-compose waits a fixed backoff_seconds "
                        + WholeSeconds.ceil(restart.initialDelay()) + " before every restart; the growth up to "
                        + "restartMaxDelay " + Durations.format(restart.maxDelay())
                        + ", and its reset after stableAfter, is lost"));
            }
            if (restart.jitter() > 0) {
                losses.add(new Loss(backend.name(), "restartDelay", "process-compose has no jitter"));
            }
            losses.add(new Loss(backend.name(), "restartWindow", "max_restarts " + restart.maxRestarts()
                    + " counts every restart of the run, not those within "
                    + Durations.format(restart.window())));
        }
        return availability;
    }

    private static String condition(DeployedBackend backend, Dependency dependency, Readiness other,
                                    List<Loss> losses) {
        dependency.timeout().ifPresent(timeout -> losses.add(new Loss(backend.name(), "dependsOn", dependency.on()
                + " within " + Durations.format(timeout) + ": process-compose waits without a limit")));
        if (dependency.restartWith()) {
            losses.add(new Loss(backend.name(), "dependsOn", dependency.on() + ", restarted with it: process-compose"
                    + " does not restart " + backend.name() + " when " + dependency.on() + " restarts"));
        }
        return switch (dependency.condition()) {
            case COMPLETED -> "process_completed_successfully";
            case STARTED -> "process_started";
            case HEALTHY -> {
                if (other.probe().isPresent()) {
                    yield "process_healthy";
                }
                if (other.logLine().isPresent()) {
                    yield "process_log_ready";
                }
                losses.add(new Loss(backend.name(), "dependsOn", dependency.on() + " " + DependencyCondition.HEALTHY
                        .word() + ": " + dependency.on() + " has no readiness here: waits until it is started"));
                yield "process_started";
            }
        };
    }

    /** NAME=value, sorted; never a LIFELINE_* variable. */
    private static List<String> environment(DeployedBackend backend, String host, List<Loss> losses) {
        Map<String, String> env = Placeholders.environment(backend, host, losses);
        return env.entrySet().stream().map(entry -> templateLiteral(entry.getKey() + "=" + entry.getValue()))
                .toList();
    }

    /**
     * A value of a field process-compose renders as a Go template whatever {@code is_template_disabled} says (the
     * working_dir, the environment, a probe's command: its templater always adds {@code PC_REPLICA_NUM}, so it always
     * parses them), read back as written: each <code>&#123;&#123;</code> is written as the template action
     * <code>&#123;&#123;"&#123;&#123;"&#125;&#125;</code>, which prints it, as process-compose's documentation escapes
     * one (an unclosed one would fail the load, a closed one be replaced).
     */
    static String templateLiteral(String value) {
        return value.replace("{{", "{{\"{{\"}}");
    }

    /** Whole seconds, rounded up; a loss when that is not the value. */
    private static long seconds(DeployedBackend backend, String setting, Duration value, List<Loss> losses) {
        if (!WholeSeconds.isWhole(value)) {
            losses.add(new Loss(backend.name(), setting, "process-compose counts whole seconds: "
                    + WholeSeconds.ceil(value) + " s, not " + Durations.format(value)));
        }
        return WholeSeconds.ceil(value);
    }

    private static String envName(Deployment deployment, DeployedBackend backend) {
        return deployment.app() + "-" + backend.name() + ".env";
    }

    private static String header(Deployment deployment, List<Loss> losses) {
        StringBuilder out = new StringBuilder(ExportText.header("process-compose", deployment, losses));
        out.append("# Run: process-compose up -f ").append(FILE)
                .append(" (1.100 or later: env_file). Secrets: each <app>-<backend>.env.example filled in and saved"
                        + " without .example in the backend's working_dir.\n");
        return out.toString();
    }

    private static String envExample(Deployment deployment, DeployedBackend backend) {
        return ExportText.secretsExample("process-compose", deployment, "The secrets of " + backend.name()
                + ": fill in the values and save as " + backend.workingDir().resolve(envName(deployment, backend))
                + ", mode 600.", backend.secretEnv());
    }

    /**
     * Every {@code $} of every string written {@code $$}: process-compose runs envsubst over the file's text before
     * it reads {@code disable_env_expansion} (loader.go), and {@code $$} is what that pass gives back as {@code $}; a
     * Node check's {@code ${...}} would otherwise fail the load.
     */
    private static Object dollarsEscaped(Object value) {
        if (value instanceof String text) {
            return text.replace("$", "$$");
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> escaped = new LinkedHashMap<>();
            map.forEach((key, each) -> escaped.put(key, dollarsEscaped(each)));
            return escaped;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ProcessComposeTarget::dollarsEscaped).toList();
        }
        return value;
    }

    private static String yaml(Object value) {
        try {
            return ExportText.YAML.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
