package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lifeline.adapter.cli.config.HealthContract;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.LivenessPolicy;
import io.lifeline.domain.model.RestartPolicy;
import io.lifeline.domain.model.RetryPolicy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * docker compose: one {@code compose.yaml} with a service per backend, and a {@code <backend>.secrets.env.example}
 * with the names of a backend's secret variables, to be copied to the {@code env_file} the service reads.
 *
 * <p>The health contract becomes the service's {@code healthcheck}, run inside the backend's own image by the
 * interpreter it surely has ({@link CheckCommand}): {@code start_period} is the startup timeout, checked every
 * {@code start_interval} (the probe interval), then {@code interval}, {@code timeout} and {@code retries} are the
 * liveness settings. Dependencies are {@code depends_on} with the matching condition. What compose cannot say (a ready
 * line, restart limits and backoff, restarts after failed liveness checks, dependency timeouts) is a {@link Loss}.
 */
public final class ComposeTarget implements ExportTarget {

    public static final String FILE = "compose.yaml";
    /** Where a service's secret values are read from, beside {@link #FILE}: {@code api.secrets.env}. */
    public static final String SECRETS_SUFFIX = ".secrets.env";
    public static final String EXAMPLE_SUFFIX = ".example";
    /** Ports are published here only, as Lifeline keeps a backend local unless told otherwise. */
    public static final String PUBLISHED_HOST = "127.0.0.1";
    /** Where the check, run inside the container, finds the backend. */
    private static final String INSIDE = "127.0.0.1";

    /** Docker's own restart delay (moby's restart manager): 100 ms, doubled per restart up to 1 min. */
    static final Duration DOCKER_FIRST_RESTART_DELAY = Duration.ofMillis(100);
    static final Duration DOCKER_MAX_RESTART_DELAY = Duration.ofMinutes(1);
    /** ... and back to 100 ms once a container ran this long. */
    static final Duration DOCKER_RESTART_RESET = Duration.ofSeconds(10);

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    @Override
    public String name() {
        return "compose";
    }


    @Override
    public Rendering render(Deployment deployment) {
        Map<BackendName, DeployedBackend> byName = new LinkedHashMap<>();
        deployment.backends().forEach(backend -> byName.put(backend.name(), backend));
        Map<String, ComposeFile.Service> services = new LinkedHashMap<>();
        List<Loss> losses = new ArrayList<>();
        List<Rendering.ExportFile> examples = new ArrayList<>();
        for (DeployedBackend backend : deployment.backends()) {
            services.put(backend.name().value(), service(deployment, backend, byName, losses));
            if (!backend.secretEnv().isEmpty()) {
                examples.add(secretsExample(deployment, backend));
            }
        }
        List<String> notes = notes(deployment, services);
        String yaml;
        try {
            yaml = ExportText.YAML.writeValueAsString(new ComposeFile(deployment.app(), services));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder text = new StringBuilder(ExportText.header(name(), deployment, losses));
        notes.forEach(note -> text.append("# ").append(note).append('\n'));
        text.append(yaml);
        List<Rendering.ExportFile> files = new ArrayList<>();
        files.add(new Rendering.ExportFile(FILE, text.toString()));
        files.addAll(examples);
        return new Rendering(files, losses);
    }

    private static ComposeFile.Service service(Deployment deployment, DeployedBackend backend,
                                               Map<BackendName, DeployedBackend> byName, List<Loss> losses) {
        String image = backend.image().map(ComposeTarget::literal).orElse(null);
        String build = image != null ? null : backend.buildContext()
                .map(context -> literal(buildPath(context)))
                .orElseThrow(() -> new ExportRefused(backend.name() + ": image: compose needs an image to run it in;"
                        + " set image: in its entry, or put a Dockerfile in its working folder ("
                        + backend.workingDir() + ") for compose to build"));
        Placeholders.correlationLoss(deployment, backend).ifPresent(losses::add);
        List<String> command = Placeholders.fill(deployment, backend, Placeholders.EVERY_ADDRESS,
                Placeholders.IMAGE_PYTHON).stream().map(ComposeTarget::literal).toList();
        ComposeFile.Healthcheck healthcheck = healthcheck(backend, losses);
        String restart = restart(backend, losses);
        Map<String, ComposeFile.DependsOn> dependsOn = dependsOn(backend, byName, losses);
        return new ComposeFile.Service(image, build, command, environment(backend, losses),
                backend.secretEnv().isEmpty() ? null : List.of(secretsFile(backend)), ports(backend, losses),
                // init: the backend is not PID 1, which ignores a SIGTERM it has no handler for (stopped only by
                // SIGKILL after stop_grace_period) and reaps no orphan; Docker's init forwards the signal and reaps
                healthcheck, dependsOn.isEmpty() ? null : dependsOn, restart, Boolean.TRUE, "SIGTERM",
                duration(backend.stopGrace()));
    }

    /**
     * The build context as an absolute path: a relative one would be read from wherever compose.yaml ends up
     * ({@code --output deploy/}), not from the config's folder.
     */
    private static String buildPath(Path context) {
        return context.toAbsolutePath().normalize().toString();
    }

    private static Map<String, String> environment(DeployedBackend backend, List<Loss> losses) {
        Map<String, String> environment = new TreeMap<>();
        Placeholders.environment(backend, Placeholders.EVERY_ADDRESS, losses)
                .forEach((name, value) -> environment.put(name, literal(value)));
        return environment.isEmpty() ? null : environment;
    }

    private static List<String> ports(DeployedBackend backend, List<Loss> losses) {
        if (!backend.listens()) {
            return null;
        }
        int port = backend.endpoint().port();
        if (!LOOPBACK.contains(backend.endpoint().host())) {
            losses.add(new Loss(backend.name(), "host", backend.endpoint().host() + ": the port is published on "
                    + PUBLISHED_HOST + " only; edit ports: to publish it on another address"));
        }
        return List.of(PUBLISHED_HOST + ":" + port + ":" + port);
    }

    private static ComposeFile.Healthcheck healthcheck(DeployedBackend backend, List<Loss> losses) {
        HealthCheck check = backend.check();
        RetryPolicy retry = backend.retry();
        if (backend.job()) {
            if (retry.maxAttempts() > 1) {
                losses.add(new Loss(backend.name(), "maxAttempts", retry.maxAttempts() + ": compose runs the job"
                        + " once (restart: \"no\"); a failed run fails its dependants, it is not tried again"));
            }
            losses.add(new Loss(backend.name(), "startupTimeout", Durations.format(backend.timeouts()
                    .startupTimeout()) + ": compose lets the job run as long as it takes"));
            return null;
        }
        if (check.contract() == HealthContract.NONE) {
            check.readyLine().ifPresent(line -> losses.add(new Loss(backend.name(), "readyLine", "'" + line
                    + "': compose cannot watch a backend's output: no healthcheck, and dependants waiting for it"
                    + " healthy start once it runs")));
            losses.add(new Loss(backend.name(), "startupTimeout", Durations.format(backend.timeouts()
                    .startupTimeout()) + ": with nothing to check, compose sets no deadline on the start"));
            startRetriesLoss(backend, false, losses);
            return null;
        }
        if (backend.runtime() == DeployedBackend.Runtime.OTHER) {
            throw new ExportRefused(backend.name() + ": health: compose runs the " + check.contract().label()
                    + " check inside the backend's image, and Lifeline cannot tell what runs in it from '"
                    + backend.command().get(0) + "'; start the command with python (or uvicorn, node, npx, ...),"
                    + " or set health: none with a readyLine");
        }
        List<String> test = new ArrayList<>(List.of("CMD"));
        // Python has a check for every contract: only a Node image can lack one.
        test.addAll(CheckCommand.inImage(backend, backend.runtime(), INSIDE)
                .orElseThrow(() -> new ExportRefused(backend.name() + ": health: there is no " + check.contract()
                        .label() + " check in node for compose to run inside a Node image; set health:"
                        + " lifeline, status-code or tcp, or run it from an image with python")));
        LivenessPolicy liveness = backend.supervision().liveness();
        Duration startupTimeout = backend.timeouts().startupTimeout();
        losses.add(new Loss(backend.name(), "startupTimeout", Durations.format(startupTimeout) + ": compose's"
                + " start_period is a grace period, not a deadline: a backend not ready by then is marked unhealthy"
                + " after " + liveness.failureThreshold() + " more failed checks, and is left running"));
        startRetriesLoss(backend, true, losses);
        if (!liveness.enabled()) {
            losses.add(new Loss(backend.name(), "livenessInterval", "liveness is off, but compose's healthcheck"
                    + " goes on every " + Durations.format(liveness.interval()) + " after the start and may mark"
                    + " it unhealthy (nothing restarts it for that)"));
        } else {
            if (backend.supervision().restart().mode() != RestartPolicy.Mode.NEVER) {
                losses.add(new Loss(backend.name(), "livenessThreshold", liveness.failureThreshold() + " failed"
                        + " checks only mark it unhealthy: plain Docker never restarts an unhealthy container"
                        + " (moby #28400), where Lifeline stops and restarts it"));
            }
            if (!check.acceptDegraded() && (check.contract() == HealthContract.LIFELINE
                    || check.contract() == HealthContract.IETF)) {
                losses.add(new Loss(backend.name(), "acceptDegraded", "false: one check serves the start and"
                        + " liveness, so a backend degraded after its start is marked unhealthy, where Lifeline's"
                        + " liveness checks pass it"));
            }
        }
        // test is a program: its own start counts against timeout (HealthCheck.PROGRAM_START_MARGIN)
        Duration timeout = HealthCheck.programTimeout(backend.timeouts().probeTimeout());
        return new ComposeFile.Healthcheck(test.stream().map(ComposeTarget::literal).toList(),
                duration(liveness.interval()), duration(timeout),
                liveness.failureThreshold(), duration(startupTimeout),
                duration(backend.timeouts().probeInterval()));
    }

    /** Lifeline tries a failed start again itself; compose only has the restart policy, and none for a timeout. */
    private static void startRetriesLoss(DeployedBackend backend, boolean checked, List<Loss> losses) {
        RetryPolicy retry = backend.retry();
        if (retry.maxAttempts() == 1) {
            return;
        }
        boolean restarts = backend.supervision().restart().mode() != RestartPolicy.Mode.NEVER;
        losses.add(new Loss(backend.name(), "maxAttempts", retry.maxAttempts() + " attempts, "
                + Durations.format(retry.initialDelay()) + " apart (retryDelay) and doubling up to "
                + Durations.format(retry.maxDelay()) + " (retryMaxDelay): compose does not try a"
                + " failed start again; " + (restarts ? "a crash is restarted by the restart policy at docker's own"
                + " delay" : "with restart: \"no\" a crash stays down") + (checked ? ", and a start that never gets"
                + " ready is only marked unhealthy" : "")));
        if (retry.jitter() > 0) {
            losses.add(new Loss(backend.name(), "retryJitter", retry.jitter() + ": compose has no jitter"));
        }
    }

    private static String restart(DeployedBackend backend, List<Loss> losses) {
        RestartPolicy restart = backend.supervision().restart();
        if (backend.job() || restart.mode() == RestartPolicy.Mode.NEVER) {
            return "no";
        }
        BackendName name = backend.name();
        // Docker's on-failure:N counts every restart of the container's life and never starts over, so it would
        // stop a long-lived service after N crashes spread over weeks; Lifeline counts in a sliding window.
        losses.add(new Loss(name, "maxRestarts", restart.maxRestarts() + " within "
                + Durations.format(restart.window()) + " (restartWindow): docker has no window, and its on-failure:N"
                + " would count every restart of the container's life: restarted without a limit, and a backend that"
                + " keeps failing never ends the app"));
        if (!restart.initialDelay().equals(DOCKER_FIRST_RESTART_DELAY)) {
            losses.add(new Loss(name, "restartDelay", Durations.format(restart.initialDelay()) + ": docker waits its"
                    + " own 100ms before the first restart, doubling per restart"));
        }
        if (!restart.maxDelay().equals(DOCKER_MAX_RESTART_DELAY)) {
            losses.add(new Loss(name, "restartMaxDelay", Durations.format(restart.maxDelay()) + ": docker caps its"
                    + " restart delay at 1m"));
        }
        if (restart.multiplier() != 2.0) {
            losses.add(new Loss(name, "restartDelay", "multiplier " + restart.multiplier() + ": docker doubles"));
        }
        if (restart.jitter() > 0) {
            losses.add(new Loss(name, "retryJitter", restart.jitter() + ": compose has no jitter on restarts"));
        }
        if (!restart.stableAfter().equals(DOCKER_RESTART_RESET)) {
            losses.add(new Loss(name, "stableAfter", Durations.format(restart.stableAfter()) + ": docker starts its"
                    + " restart delay over once the container ran 10s, healthy or not"));
        }
        return switch (restart.mode()) {
            case ON_FAILURE -> "on-failure";
            case ALWAYS -> "always";
            case NEVER -> "no";
        };
    }

    private static Map<String, ComposeFile.DependsOn> dependsOn(DeployedBackend backend,
                                                                Map<BackendName, DeployedBackend> byName,
                                                                List<Loss> losses) {
        Map<String, ComposeFile.DependsOn> dependsOn = new LinkedHashMap<>();
        for (Dependency dependency : backend.dependsOn()) {
            DeployedBackend on = byName.get(dependency.on());
            if (on == null) {
                throw new ExportRefused(backend.name() + ": dependsOn: " + dependency.on() + " is not in this export,"
                        + " and compose cannot wait for a service it does not have; export " + dependency.on()
                        + " with it");
            }
            String condition = switch (dependency.condition()) {
                case HEALTHY -> hasHealthcheck(on) ? "service_healthy" : "service_started";
                case STARTED -> "service_started";
                case COMPLETED -> "service_completed_successfully";
            };
            if (dependency.condition() == DependencyCondition.HEALTHY && !hasHealthcheck(on)) {
                losses.add(new Loss(backend.name(), "dependsOn", dependency.on() + " healthy: " + dependency.on()
                        + " has no healthcheck in compose, so this waits only until it started"));
            }
            dependency.timeout().ifPresent(timeout -> losses.add(new Loss(backend.name(), "dependsOn",
                    dependency.on() + " within " + Durations.format(timeout) + ": compose has no timeout for a"
                            + " dependency: it waits until " + dependency.on() + " is ready or fails")));
            if (dependency.restartWith()) {
                losses.add(new Loss(backend.name(), "dependsOn", dependency.on() + " restartWith: compose restarts "
                        + backend.name() + " with " + dependency.on() + " only when compose itself restarts it"
                        + " (docker compose restart, up), not when docker restarts it after a crash"));
            }
            dependsOn.put(dependency.on().value(), new ComposeFile.DependsOn(condition,
                    dependency.restartWith() ? Boolean.TRUE : null));
        }
        return dependsOn;
    }

    private static boolean hasHealthcheck(DeployedBackend backend) {
        return !backend.job() && backend.check().contract() != HealthContract.NONE;
    }

    private static String secretsFile(DeployedBackend backend) {
        return backend.name() + SECRETS_SUFFIX;
    }

    private static Rendering.ExportFile secretsExample(Deployment deployment, DeployedBackend backend) {
        return new Rendering.ExportFile(secretsFile(backend) + EXAMPLE_SUFFIX, ExportText.secretsExample("compose",
                deployment, "The secret variables of " + backend.name() + ": copy this file to " + secretsFile(backend)
                        + " beside " + FILE + ", fill in the values and keep it out of version control.",
                backend.secretEnv()));
    }

    private static List<String> notes(Deployment deployment, Map<String, ComposeFile.Service> services) {
        List<String> notes = new ArrayList<>();
        if (services.values().stream().anyMatch(service -> service.ports() != null)) {
            notes.add("Ports are published on " + PUBLISHED_HOST + " only, as Lifeline keeps a backend local;"
                    + " edit ports: to reach one from other machines.");
        }
        if (services.values().stream().anyMatch(service -> service.healthcheck() != null)) {
            notes.add("start_interval needs Docker Engine 25 or later; an older one checks every interval during"
                    + " start_period.");
        }
        String secretFiles = services.entrySet().stream().filter(entry -> entry.getValue().envFile() != null)
                .map(entry -> entry.getKey() + SECRETS_SUFFIX).collect(Collectors.joining(", "));
        if (!secretFiles.isEmpty()) {
            notes.add("Secret values are read from " + secretFiles + " (from the .example beside it), never written"
                    + " here.");
        }
        return notes;
    }

    /**
     * A value as compose reads it back: compose interpolates {@code $VAR} and {@code ${VAR}} in every value, so a
     * {@code $} of a command, a check or a variable is written {@code $$}.
     */
    static String literal(String value) {
        return value.replace("$", "$$");
    }

    /** Compose's duration notation (Go's): {@code 30s}, {@code 100ms}, {@code 1m30s}; never rounded down. */
    static String duration(Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("a duration is not negative, was " + value);
        }
        long micros = value.toNanos() / 1000 + (value.toNanos() % 1000 > 0 ? 1 : 0);
        if (micros == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long[] sizes = {3_600_000_000L, 60_000_000L, 1_000_000L, 1000L, 1L};
        String[] units = {"h", "m", "s", "ms", "us"};
        for (int i = 0; i < sizes.length; i++) {
            if (micros >= sizes[i]) {
                text.append(micros / sizes[i]).append(units[i]);
                micros %= sizes[i];
            }
        }
        return text.toString();
    }
}
