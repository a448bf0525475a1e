package io.lifeline.adapter.cli.export;

import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.config.DurationParser;
import io.lifeline.adapter.cli.config.HealthContract;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.RestartPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code lifeline export systemd}: one service unit per backend, {@code <app>-<backend>.service}, that works as a
 * system unit and as a user unit ({@code systemctl --user}), plus {@code <app>-<backend>.env.example} naming the
 * secrets its {@code EnvironmentFile=} must hold. The unit counts as started only when the backend is ready by its own
 * contract: {@code ExecStartPost=} runs {@code lifeline wait} with the same config file, so a dependant's
 * {@code Requires=}/{@code After=} waits for readiness, not for a process. Written for systemd 252 (Debian 12): keys
 * of later versions ({@code RestartSteps=}) are not written, and what they would carry is a {@link Loss}.
 */
public final class SystemdTarget implements ExportTarget {

    /** What {@code lifeline wait} may need beyond its own limit (startupTimeout + healthTimeout + 5 s): a JVM start. */
    static final Duration WAIT_MARGIN = Duration.ofSeconds(10);
    /** Where a unit's secrets are: {@code %E} is /etc for a system unit, ~/.config for a user unit. */
    static final String SECRETS_FOLDER = "%E/lifeline";
    private static final String PYTHON = "python3";
    /** The app's name when its config is the default file, or none: no name the user chose. */
    private static final String DEFAULT_APP = Deployment.appName(ConfigLoader.DEFAULT_FILE_NAME);

    private final ProgramSearch programs;

    /** @param programs where a program named without a folder is found when the units are rendered */
    public SystemdTarget(ProgramSearch programs) {
        this.programs = programs;
    }

    @Override
    public String name() {
        return "systemd";
    }


    @Override
    public Rendering render(Deployment deployment) {
        List<Rendering.ExportFile> files = new ArrayList<>();
        List<Loss> losses = new ArrayList<>();
        for (DeployedBackend backend : deployment.backends()) {
            List<Loss> own = new ArrayList<>();
            String unit = unit(deployment, backend, own);
            files.add(new Rendering.ExportFile(unitName(deployment, backend.name()), header(deployment, backend, own)
                    + unit));
            if (!backend.secretEnv().isEmpty()) {
                files.add(new Rendering.ExportFile(baseName(deployment, backend.name()) + ".env.example",
                        envExample(deployment, backend)));
            }
            losses.addAll(own);
        }
        return new Rendering(files, losses);
    }

    /** {@code app-api.service}. */
    static String unitName(Deployment deployment, BackendName backend) {
        return baseName(deployment, backend) + ".service";
    }

    private static String baseName(Deployment deployment, BackendName backend) {
        return deployment.app() + "-" + backend;
    }

    private String header(Deployment deployment, DeployedBackend backend, List<Loss> losses) {
        String name = unitName(deployment, backend.name());
        StringBuilder out = new StringBuilder(ExportText.header("systemd", deployment, losses));
        out.append("# A system unit: copy to /etc/systemd/system/").append(name)
                .append(" (it runs as root unless you add User=); a user unit: copy to ~/.config/systemd/user/")
                .append(name).append(".\n");
        out.append("# Then: systemctl [--user] daemon-reload && systemctl [--user] enable --now ").append(name)
                .append('\n');
        if (!backend.secretEnv().isEmpty()) {
            out.append("# Secrets: ").append(baseName(deployment, backend.name()))
                    .append(".env.example filled in as /etc/lifeline/").append(baseName(deployment, backend.name()))
                    .append(".env (system) or ~/.config/lifeline/").append(baseName(deployment, backend.name()))
                    .append(".env (user), mode 600; the unit does not start without it.\n");
        }
        return out.append('\n').toString();
    }

    private String unit(Deployment deployment, DeployedBackend backend, List<Loss> losses) {
        Placeholders.correlationLoss(deployment, backend).ifPresent(losses::add);
        String host = backend.endpoint().host();
        String python = backend.interpreter().map(Path::toString).orElse(PYTHON);
        List<String> command = new ArrayList<>(Placeholders.fill(deployment, backend, host, python));
        command.set(0, program(backend, command.get(0), losses));
        String execStart = SystemdSyntax.commandLine(command).orElseThrow(() -> new ExportRefused(backend.name()
                + ": command: systemd cannot run the program '" + command.get(0)
                + "' (quotes, backslashes or control characters in its path): rename it or run it through a script"));
        RestartPolicy restart = backend.supervision().restart();
        boolean restarts = !backend.job() && restart.mode() != RestartPolicy.Mode.NEVER;

        StringBuilder unit = new StringBuilder("[Unit]\n");
        unit.append("Description=").append(oneLine(backend, "name", description(deployment, backend),
                "rename the backend")).append('\n');
        for (Dependency dependency : backend.dependsOn()) {
            String other = unitName(deployment, dependency.on());
            unit.append("Requires=").append(other).append('\n');
            unit.append("After=").append(other).append('\n');
            if (dependency.restartWith()) {
                unit.append("PartOf=").append(other).append('\n');
            }
            dependencyLosses(deployment, backend, dependency, losses);
        }
        if (restarts) {
            // systemd counts starts in its window, Lifeline counts downs: the start plus maxRestarts restarts.
            unit.append("StartLimitIntervalSec=").append(SystemdSyntax.timespan(restart.window())).append('\n');
            unit.append("StartLimitBurst=").append(restart.maxRestarts() + 1).append('\n');
        }

        unit.append("\n[Service]\n");
        unit.append("Type=").append(backend.job() ? "oneshot" : "exec").append('\n');
        if (backend.job()) {
            unit.append("RemainAfterExit=yes\n");
        }
        unit.append("WorkingDirectory=").append(oneLine(backend, "workingDir", backend.workingDir().toString(),
                "use a folder whose path has no line break")).append('\n');
        unit.append("ExecStart=").append(execStart).append('\n');
        environment(backend, host, losses).forEach((name, value) ->
                unit.append("Environment=").append(SystemdSyntax.assignment(name, value)).append('\n'));
        if (!backend.secretEnv().isEmpty()) {
            unit.append("EnvironmentFile=").append(SECRETS_FOLDER).append('/')
                    .append(oneLine(backend, "name", baseName(deployment, backend.name()), "rename the backend"))
                    .append(".env\n");
        }
        Optional<String> wait = backend.job() ? Optional.empty() : readiness(deployment, backend, losses);
        wait.ifPresent(line -> unit.append("ExecStartPost=").append(line).append('\n'));
        Duration startLimit = backend.job() || wait.isEmpty() ? backend.timeouts().startupTimeout()
                : backend.timeouts().startupTimeout().plus(backend.timeouts().probeTimeout()).plus(WAIT_MARGIN);
        unit.append("TimeoutStartSec=").append(SystemdSyntax.timespan(startLimit)).append('\n');
        if (restarts) {
            unit.append("Restart=").append(restart.mode() == RestartPolicy.Mode.ALWAYS ? "always" : "on-failure")
                    .append('\n');
            if (restart.mode() == RestartPolicy.Mode.ON_FAILURE) {
                // systemd takes an end by these signals for a clean exit; Lifeline restarts after any signal.
                unit.append("RestartForceExitStatus=SIGHUP SIGINT SIGTERM SIGPIPE\n");
            }
            unit.append("RestartSec=").append(SystemdSyntax.timespan(restart.initialDelay())).append('\n');
        } else {
            unit.append("Restart=no\n");
        }
        unit.append("KillMode=control-group\n");
        unit.append("KillSignal=SIGTERM\n");
        unit.append("TimeoutStopSec=").append(SystemdSyntax.timespan(backend.stopGrace())).append('\n');
        unit.append("SendSIGKILL=yes\n");
        unit.append("\n[Install]\n");
        unit.append("WantedBy=default.target\n");
        supervisionLosses(backend, restarts, losses);
        return unit.toString();
    }

    /**
     * The program as an absolute path, as systemd needs it to run what Lifeline runs: one with a folder
     * ({@code ./server}, {@code bin/app}) is the backend's working folder's, as Lifeline starts it there; a bare name
     * is the one on this machine's PATH, since systemd would search only its own fixed PATH. A bare name found
     * nowhere is kept, and the loss said.
     */
    private String program(DeployedBackend backend, String program, List<Loss> losses) {
        if (program.isEmpty() || program.startsWith("/") || program.indexOf('\0') >= 0) {
            return program; // absolute, or no path at all (refused below)
        }
        if (program.contains("/")) {
            return backend.workingDir().resolve(program).normalize().toString();
        }
        return programs.find(program, backend.env()).map(Path::toString).orElseGet(() -> {
            losses.add(new Loss(backend.name(), "command", "'" + program + "' is on no folder of the PATH here: the"
                    + " unit names it bare, and systemd looks for it only in its own fixed PATH (/usr/local/bin,"
                    + " /usr/bin, ...), not the user's; install it there or give its absolute path"));
            return program;
        });
    }

    /** {@code api of app, from lifeline export}; without the app when it has the default name, which says nothing. */
    private static String description(Deployment deployment, DeployedBackend backend) {
        return backend.name() + (deployment.app().equals(DEFAULT_APP) ? "" : " of " + deployment.app())
                + ", from lifeline export";
    }

    /** A value of the rest of a line, or refused: a unit file cannot hold a line break in it. */
    private static String oneLine(DeployedBackend backend, String setting, String value, String fix) {
        return SystemdSyntax.verbatim(value).orElseThrow(() -> new ExportRefused(backend.name() + ": " + setting
                + ": systemd cannot take a line break in '" + value + "'; " + fix));
    }

    /** The ExecStartPost= that makes the start wait for readiness, or empty with the loss said. */
    private Optional<String> readiness(Deployment deployment, DeployedBackend backend, List<Loss> losses) {
        if (backend.check().contract() == HealthContract.NONE) {
            losses.add(new Loss(backend.name(), "readyLine", "systemd cannot watch the output for "
                    + backend.check().readyLine().map(pattern -> "'" + pattern.pattern() + "'").orElse("a ready line")
                    + ": the unit counts as started once its process runs"));
            return Optional.empty();
        }
        if (!backend.listens()) {
            losses.add(new Loss(backend.name(), "health", "reached by no port, nothing to probe: the unit counts"
                    + " as started once its process runs"));
            return Optional.empty();
        }
        List<String> wait = new ArrayList<>(List.of(deployment.lifeline().toString(), "wait"));
        deployment.configFile().ifPresent(file -> wait.addAll(List.of("--config", file.toString())));
        wait.addAll(List.of("--backend", backend.name().value()));
        wait.addAll(resolvedFlags(backend));
        if (backend.check().acceptDegraded() && deployment.configFile().isEmpty()) {
            losses.add(new Loss(backend.name(), "acceptDegraded", "true has no flag and there is no config file: lifeline"
                    + " wait in the unit takes a degraded backend as not ready"));
        }
        return Optional.of(SystemdSyntax.commandLine(wait).orElseThrow(() -> new ExportRefused(backend.name()
                + ": health: systemd cannot run lifeline at '" + deployment.lifeline()
                + "' (quotes or backslashes in its path): install it at a plain path")));
    }

    /**
     * The settings {@code lifeline wait} asks by, as {@code start} resolved them for the export (the file, the
     * environment and the flags of that moment), so the unit waits by them and not by whatever the file and the
     * unit's own environment say later. A backend's own key in the file still wins over a flag, with the same value.
     */
    private static List<String> resolvedFlags(DeployedBackend backend) {
        HealthCheck check = backend.check();
        List<String> flags = new ArrayList<>(List.of("--host", backend.endpoint().host(),
                "--port", Integer.toString(backend.endpoint().port()), "--health", check.contract().label(),
                "--health-path", check.path(),
                "--health-timeout", DurationParser.format(backend.timeouts().probeTimeout()),
                "--startup-timeout", DurationParser.format(backend.timeouts().startupTimeout()),
                "--probe-interval", DurationParser.format(backend.timeouts().probeInterval()),
                "--required-services", String.join(",", check.requiredServices())));
        check.expectedService().ifPresent(name -> flags.addAll(List.of("--expected-service", name)));
        return flags;
    }

    private static void dependencyLosses(Deployment deployment, DeployedBackend backend, Dependency dependency,
                                         List<Loss> losses) {
        Optional<DeployedBackend> other = deployment.backends().stream()
                .filter(candidate -> candidate.name().equals(dependency.on())).findFirst();
        boolean otherIsJob = other.map(DeployedBackend::job).orElse(false);
        boolean otherWaits = other.map(found -> found.check().contract() != HealthContract.NONE && found.listens())
                .orElse(false);
        if (dependency.condition() == DependencyCondition.HEALTHY && !otherIsJob && !otherWaits) {
            losses.add(new Loss(backend.name(), "dependsOn", dependency.on() + " healthy: systemd waits only until "
                    + dependency.on() + "'s process runs (its unit has no readiness wait)"));
        }
        if (dependency.condition() == DependencyCondition.STARTED && otherWaits) {
            losses.add(new Loss(backend.name(), "dependsOn", dependency.on() + " started: systemd waits until "
                    + dependency.on() + " is ready (its unit's start includes lifeline wait)"));
        }
        dependency.timeout().ifPresent(timeout -> losses.add(new Loss(backend.name(), "dependsOn",
                dependency.on() + " within " + Durations.format(timeout) + ": systemd waits as long as "
                        + dependency.on() + "'s own start may take (its TimeoutStartSec=)")));
        if (!dependency.restartWith() && !otherIsJob) {
            losses.add(new Loss(backend.name(), "dependsOn", dependency.on() + ": Requires= also stops and restarts "
                    + backend.name() + " whenever " + dependency.on() + " is restarted (restartWith is false)"));
        }
    }

    private static void supervisionLosses(DeployedBackend backend, boolean restarts, List<Loss> losses) {
        RestartPolicy restart = backend.supervision().restart();
        if (backend.retry().maxAttempts() > 1) {
            losses.add(new Loss(backend.name(), "maxAttempts", backend.job()
                    ? "a one-shot job runs once: a failed run is not tried again"
                    : restarts ? "a failed start is restarted by Restart= (every RestartSec=, within the start limit),"
                    + " not tried " + backend.retry().maxAttempts() + " times with retryDelay's doubling waits"
                    : "a failed start is not tried again (restart is never)"));
        }
        if (!restarts) {
            return;
        }
        if (restart.multiplier() > 1.0 && restart.maxDelay().compareTo(restart.initialDelay()) > 0) {
            losses.add(new Loss(backend.name(), "restartDelay", "systemd 252 waits a fixed RestartSec="
                    + SystemdSyntax.timespan(restart.initialDelay()) + " before every restart; the growth up to "
                    + "restartMaxDelay " + Durations.format(restart.maxDelay())
                    + ", and its reset after stableAfter, needs RestartSteps= (systemd 254)"));
        }
        if (restart.jitter() > 0) {
            losses.add(new Loss(backend.name(), "restartDelay", "systemd has no jitter: every restart waits the same"));
        }
        losses.add(new Loss(backend.name(), "restartWindow", "systemd counts starts (StartLimitBurst="
                + (restart.maxRestarts() + 1) + ": the start and " + restart.maxRestarts()
                + " restarts) in a window that opens at the first of them, not downs in a sliding "
                + Durations.format(restart.window())));
        if (backend.supervision().liveness().enabled() && backend.check().contract() != HealthContract.NONE
                && backend.listens()) {
            losses.add(new Loss(backend.name(), "livenessInterval", "systemd runs no health check after the start:"
                    + " only an exit restarts the backend, not " + backend.supervision().liveness().failureThreshold()
                    + " failed checks " + Durations.format(backend.supervision().liveness().interval())
                    + " apart"));
        }
    }

    /** The backend's own variables and the contract's, sorted; never a LIFELINE_* one. */
    private static Map<String, String> environment(DeployedBackend backend, String host, List<Loss> losses) {
        Map<String, String> env = Placeholders.environment(backend, host, losses);
        return env;
    }

    private static String envExample(Deployment deployment, DeployedBackend backend) {
        return ExportText.secretsExample("systemd", deployment, "The secrets of " + unitName(deployment,
                backend.name()) + ": fill in the values and save as /etc/lifeline/" + baseName(deployment,
                backend.name()) + ".env (system unit) or ~/.config/lifeline/" + baseName(deployment, backend.name())
                + ".env (user unit), mode 600.", backend.secretEnv());
    }
}
