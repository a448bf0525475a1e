package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.lifeline.adapter.cli.config.HealthContract;
import io.lifeline.domain.model.Backoff;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.LivenessPolicy;
import io.lifeline.domain.model.RestartPolicy;
import io.lifeline.domain.model.RetryPolicy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Kubernetes: one multi-document {@code <app>.yaml} to {@code kubectl apply -f}, objects in dependency order. A
 * long-running backend is a Deployment of one replica (plus a ClusterIP Service when it listens) with a startup probe
 * that covers {@code startupTimeout}, and readiness and liveness probes from the liveness settings; a JSON health
 * contract is an exec probe of {@link CheckCommand} in the backend's own image, never an httpGet that would pass any
 * 2xx. Kubernetes has no dependencies: a dependant's pod waits in an init container that runs the dependency's check
 * against its Service, and a one-shot job runs as an init container of each dependant (or as a Job when nothing waits
 * for it). Secret variables come from a Secret the export names but does not write.
 */
public final class KubernetesTarget implements ExportTarget {

    /** What the kubelet waits before restarting a container: 10 s, doubling, at most 5 min (CrashLoopBackOff). */
    static final Backoff KUBELET_BACKOFF = new Backoff(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5), 0.0);
    /** A container that has run this long without crashing has its restart backoff reset by the kubelet. */
    static final Duration KUBELET_BACKOFF_RESET = Duration.ofMinutes(10);

    private static final String PYTHON = Placeholders.IMAGE_PYTHON;
    private static final String NODE = "node";
    private static final String LOCALHOST = "127.0.0.1";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public String name() {
        return "kubernetes";
    }


    @Override
    public Rendering render(Deployment deployment) {
        return new Render(deployment).rendering();
    }

    /** One rendering: the deployment, its names, and the losses found so far. */
    private static final class Render {
        private final Deployment deployment;
        private final KubernetesNames names;
        private final List<Loss> losses = new ArrayList<>();
        private final Map<BackendName, DeployedBackend> byName = new LinkedHashMap<>();

        Render(Deployment deployment) {
            this.deployment = deployment;
            this.names = KubernetesNames.of(deployment);
            deployment.backends().forEach(backend -> byName.put(backend.name(), backend));
        }

        Rendering rendering() {
            List<ObjectNode> objects = new ArrayList<>();
            for (DeployedBackend backend : deployment.backends()) {
                requireImage(backend);
                Placeholders.correlationLoss(deployment, backend).ifPresent(losses::add);
                List<BackendName> dependants = dependants(backend);
                if (backend.job() && !dependants.isEmpty()) {
                    jobInInitContainers(backend, dependants);
                } else if (backend.job()) {
                    objects.add(job(backend));
                } else {
                    if (backend.listens()) {
                        objects.add(service(backend));
                    }
                    objects.add(deploymentOf(backend));
                }
            }
            List<Rendering.ExportFile> files = new ArrayList<>();
            files.add(new Rendering.ExportFile(deployment.app() + ".yaml", text(objects)));
            for (DeployedBackend backend : deployment.backends()) {
                if (!backend.secretEnv().isEmpty()) {
                    files.add(new Rendering.ExportFile(secretsFile(backend) + ".example", ExportText.secretsExample(
                            "kubernetes", deployment, "The secrets of " + backend.name() + ": fill in the values,"
                                    + " save as " + secretsFile(backend) + " (mode 600, out of version control) and"
                                    + " create the Secret from it as " + deployment.app() + ".yaml says.",
                            backend.secretEnv())));
                }
            }
            return new Rendering(files, losses);
        }

        /** {@code app-api.env}: the file a backend's Secret is made from. */
        private String secretsFile(DeployedBackend backend) {
            return names.object(backend.name()) + ".env";
        }

        // ---- objects

        private ObjectNode service(DeployedBackend backend) {
            ObjectNode service = object("v1", "Service", backend);
            ObjectNode spec = service.putObject("spec");
            spec.put("type", "ClusterIP");
            spec.set("selector", map(names.selector(backend.name())));
            ObjectNode port = spec.putArray("ports").addObject();
            port.put("protocol", "TCP");
            port.put("port", backend.endpoint().port());
            port.put("targetPort", backend.endpoint().port());
            return service;
        }

        private ObjectNode deploymentOf(DeployedBackend backend) {
            ObjectNode object = object("apps/v1", "Deployment", backend);
            ObjectNode spec = object.putObject("spec");
            spec.put("replicas", 1);
            spec.putObject("selector").set("matchLabels", map(names.selector(backend.name())));
            ObjectNode template = spec.putObject("template");
            template.putObject("metadata").set("labels", map(names.labels(backend.name())));
            ObjectNode pod = template.putObject("spec");
            // Always is the only restartPolicy a Deployment's pod may have.
            pod.put("restartPolicy", "Always");
            pod.put("terminationGracePeriodSeconds", stopGrace(backend));
            ObjectNode container = container(backend);
            if (backend.listens()) {
                container.putArray("ports").addObject().put("containerPort", backend.endpoint().port());
            }
            probes(backend, container);
            initContainers(backend, pod);
            pod.putArray("containers").add(container);
            restartLosses(backend);
            retryLosses(backend, "a failed start (startup probe or exit)");
            return object;
        }

        private ObjectNode job(DeployedBackend backend) {
            ObjectNode object = object("batch/v1", "Job", backend);
            ObjectNode spec = object.putObject("spec");
            spec.put("backoffLimit", backend.retry().maxAttempts() - 1);
            ObjectNode template = NODES.objectNode();
            template.putObject("metadata").set("labels", map(names.labels(backend.name())));
            ObjectNode pod = template.putObject("spec");
            pod.put("restartPolicy", "OnFailure");
            pod.put("terminationGracePeriodSeconds", stopGrace(backend));
            initContainers(backend, pod);
            pod.putArray("containers").add(container(backend));
            Duration attempt = backend.timeouts().startupTimeout();
            if (backend.retry().maxAttempts() > 1) {
                loss(backend, "startupTimeout", format(attempt) + " per attempt: Kubernetes bounds a Job's run only"
                        + " as a whole (activeDeadlineSeconds), so no attempt is bounded");
                backoffLosses(backend, "retryDelay", backend.retry().backoff(), "the next try");
                jitterLoss(backend);
            } else if (pod.has("initContainers")) {
                loss(backend, "startupTimeout", format(attempt) + ": the run is not bounded: activeDeadlineSeconds"
                        + " would also count the pod's init containers (its waits for " + String.join(", ",
                        backend.dependsOn().stream().map(dependency -> dependency.on().value()).toList()) + ")");
            } else {
                spec.put("activeDeadlineSeconds", WholeSeconds.ceil(attempt));
                if (!WholeSeconds.isWhole(attempt)) {
                    loss(backend, "startupTimeout", format(attempt) + ": the Job may run "
                            + WholeSeconds.ceil(attempt) + "s (activeDeadlineSeconds counts whole seconds)");
                }
            }
            spec.set("template", template);
            return object;
        }

        /** A job some backends wait for runs in their pods: nothing else keeps them from starting before it ends. */
        private void jobInInitContainers(DeployedBackend job, List<BackendName> dependants) {
            loss(job, "dependsOn", "completed, for " + String.join(", ", dependants.stream().map(BackendName::value)
                    .toList()) + ": it runs as an init container in each of their pods, once per pod start, not"
                    + " once per app");
            loss(job, "maxAttempts", job.retry().maxAttempts() + ": an init container is retried without limit");
            loss(job, "startupTimeout", format(job.timeouts().startupTimeout())
                    + " per attempt: nothing bounds an init container's run");
            backoffLosses(job, "retryDelay", job.retry().backoff(), "the next try");
            jitterLoss(job);
        }

        private ObjectNode object(String apiVersion, String kind, DeployedBackend backend) {
            ObjectNode object = NODES.objectNode();
            object.put("apiVersion", apiVersion);
            object.put("kind", kind);
            ObjectNode metadata = object.putObject("metadata");
            metadata.put("name", names.object(backend.name()));
            metadata.set("labels", map(names.labels(backend.name())));
            return object;
        }

        // ---- containers

        /** Image, command with placeholders filled, environment; what every container of the backend's has. */
        private ObjectNode container(DeployedBackend backend) {
            ObjectNode container = NODES.objectNode();
            container.put("name", names.label(backend.name()));
            container.put("image", backend.image().orElseThrow());
            ArrayNode command = container.putArray("command");
            Placeholders.fill(deployment, backend, Placeholders.EVERY_ADDRESS, PYTHON).stream()
                    .map(KubernetesTarget::literal).forEach(command::add);
            Map<String, String> values = Placeholders.environment(backend, Placeholders.EVERY_ADDRESS, losses);
            if (!values.isEmpty() || !backend.secretEnv().isEmpty()) {
                ArrayNode env = container.putArray("env");
                values.forEach((name, value) -> env.addObject().put("name", name).put("value", literal(value)));
                for (String secret : backend.secretEnv()) {
                    ObjectNode ref = env.addObject().put("name", secret).putObject("valueFrom")
                            .putObject("secretKeyRef");
                    ref.put("name", names.secret(backend.name()));
                    ref.put("key", secret);
                }
            }
            return container;
        }

        /**
         * What must hold before the backend's container starts, in {@code dependsOn} order: a job it waits for runs
         * (after what the job itself waits for); a healthy dependency is waited for by its check.
         */
        private void initContainers(DeployedBackend backend, ObjectNode pod) {
            Map<String, ObjectNode> containers = new LinkedHashMap<>();
            addInitContainers(backend, containers);
            if (!containers.isEmpty()) {
                ArrayNode init = pod.putArray("initContainers");
                containers.values().forEach(init::add);
            }
            List<String> all = new ArrayList<>(containers.keySet());
            all.add(names.label(backend.name()));
            for (String name : all) {
                if (!KubernetesNames.DNS_LABEL.matcher(name).matches()
                        || all.indexOf(name) != all.lastIndexOf(name)) {
                    throw new ExportRefused(backend.name() + ": dependsOn: its pod would have two containers named '"
                            + name + "' or one named beyond 63 characters; rename a backend");
                }
            }
        }

        private void addInitContainers(DeployedBackend backend, Map<String, ObjectNode> containers) {
            for (Dependency dependency : backend.dependsOn()) {
                DeployedBackend on = byName.get(dependency.on());
                if (on == null) {
                    throw new ExportRefused(backend.name() + ": dependsOn " + dependency.on() + ": it is not in the"
                            + " export; export it too");
                }
                if (dependency.restartWith()) {
                    loss(backend, "dependsOn", dependency.on() + " restartWith: Kubernetes restarts no pod with"
                            + " another");
                }
                if (on.job()) {
                    addInitContainers(on, containers);
                    containers.putIfAbsent(names.label(on.name()), container(on));
                    continue;
                }
                switch (dependency.condition()) {
                    case STARTED -> loss(backend, "dependsOn", dependency.on() + " started: Kubernetes starts pods in"
                            + " no order; the pod does not wait for it");
                    case HEALTHY, COMPLETED -> waitFor(backend, dependency, on)
                            .ifPresent(wait -> containers.putIfAbsent(wait.get("name").asText(), wait));
                }
            }
        }

        /** An init container that runs {@code on}'s check against its Service until it passes or the time is over. */
        private Optional<ObjectNode> waitFor(DeployedBackend backend, Dependency dependency, DeployedBackend on) {
            if (on.check().contract() == HealthContract.NONE || !on.listens()) {
                loss(backend, "dependsOn", dependency.on() + " healthy: its readiness is a ready line, which nothing"
                        + " outside its pod can see; the pod does not wait for it");
                return Optional.empty();
            }
            String host = names.object(on.name());
            // The dependency's image surely has its runtime; failing that, the dependant's own may run the check.
            DeployedBackend runner = checkIn(on, on, host).isPresent() ? on : backend;
            List<String> check = checkIn(on, runner, host).orElseThrow(() -> new ExportRefused(backend.name()
                    + ": dependsOn " + on.name() + ": no check of its health " + on.check().contract().label()
                    + " runs in its image or this one (neither runs Python or Node); set health: tcp or status-code"
                    + " on " + on.name() + ", or run one of them with python or node"));
            Duration timeout = dependency.timeout().orElse(
                    wholeStart(on));
            dependency.timeout().ifPresent(value -> loss(backend, "dependsOn", dependency.on() + " healthy within "
                    + format(value) + ": when the wait runs out the pod tries again (CrashLoopBackOff) rather than"
                    + " the app failing"));
            ObjectNode wait = NODES.objectNode();
            wait.put("name", "wait-" + names.label(on.name()));
            wait.put("image", runner.image().orElseThrow());
            ArrayNode command = wait.putArray("command");
            WaitLoop.of(check, host + " healthy", timeout, on.timeouts().probeInterval()).stream()
                    .map(KubernetesTarget::literal).forEach(command::add);
            return Optional.of(wait);
        }

        /**
         * How long Lifeline gives a dependency without a timeout of its own: every attempt its startup timeout, and
         * the waits between attempts at their longest (jitter up).
         */
        private static Duration wholeStart(DeployedBackend dependency) {
            Duration total = dependency.timeouts().startupTimeout().multipliedBy(dependency.retry().maxAttempts());
            for (int failed = 1; failed < dependency.retry().maxAttempts(); failed++) {
                total = total.plus(dependency.retry().delayAfter(failed, 1.0));
            }
            return total;
        }

        /** {@code backend}'s check in {@code runner}'s runtime, asking {@code host}. */
        private static Optional<List<String>> checkIn(DeployedBackend backend, DeployedBackend runner, String host) {
            return switch (runner.runtime()) {
                case PYTHON -> CheckCommand.of(backend, DeployedBackend.Runtime.PYTHON, PYTHON, host);
                case NODE -> CheckCommand.of(backend, DeployedBackend.Runtime.NODE, NODE, host);
                case OTHER -> Optional.empty();
            };
        }

        // ---- probes

        private void probes(DeployedBackend backend, ObjectNode container) {
            HealthCheck check = backend.check();
            if (check.contract() == HealthContract.NONE) {
                check.readyLine().ifPresent(line -> loss(backend, "readyLine", "'" + line.pattern().replace('\n', ' ')
                        + "': no probe can watch output; the pod is ready once its container runs"));
                return;
            }
            if (check.statusCodeOnly()) {
                loss(backend, "health", "status-code: Kubernetes' httpGet counts 200-399 as healthy, Lifeline only"
                        + " 2xx");
            }
            Duration interval = backend.timeouts().probeInterval();
            Duration startup = backend.timeouts().startupTimeout();
            long period = WholeSeconds.ceil(interval);
            long threshold = Math.max(1, ceilDiv(startup.toMillis(), period * 1000));
            if (!WholeSeconds.isWhole(interval)) {
                loss(backend, "probeInterval", format(interval) + ": the startup probe runs every " + period
                        + "s (Kubernetes counts whole seconds)");
            }
            if (!Duration.ofSeconds(threshold * period).equals(startup)) {
                loss(backend, "startupTimeout", format(startup) + ": the startup probe allows " + threshold * period
                        + "s (" + threshold + " x " + period + "s)");
            }
            ObjectNode startupProbe = probe(backend, check);
            long timeout = timeoutSeconds(backend, startupProbe);
            if (timeout > period) {
                loss(backend, "startupTimeout", format(startup) + ": a check that hangs takes its whole timeout ("
                        + timeout + "s, longer than the " + period + "s period) and probes do not overlap, so the"
                        + " startup probe's " + threshold + " failures can take up to " + threshold * timeout + "s");
            }
            startupProbe.put("periodSeconds", period);
            startupProbe.put("timeoutSeconds", timeout);
            startupProbe.put("successThreshold", 1);
            startupProbe.put("failureThreshold", threshold);
            container.set("startupProbe", startupProbe);

            LivenessPolicy liveness = backend.supervision().liveness();
            if (!liveness.enabled()) {
                return;
            }
            if (!WholeSeconds.isWhole(liveness.interval())) {
                loss(backend, "livenessInterval", format(liveness.interval()) + ": probes run every "
                        + WholeSeconds.ceil(liveness.interval()) + "s (Kubernetes counts whole seconds)");
            }
            // After connect Lifeline counts degraded as passing whatever acceptDegraded says (it is for the start).
            HealthCheck connected = new HealthCheck(check.contract(), check.path(), check.requiredServices(),
                    check.expectedService(), true, check.readyLine());
            for (String kind : List.of("readinessProbe", "livenessProbe")) {
                ObjectNode probe = probe(backend.withCheck(connected), connected);
                probe.put("periodSeconds", WholeSeconds.ceil(liveness.interval()));
                probe.put("timeoutSeconds", timeoutSeconds(backend, probe));
                probe.put("successThreshold", 1);
                // The same threshold for both: Lifeline calls a backend down only after livenessThreshold failures in
                // a row, so the pod leaves its Service when Lifeline would say it is down, not on one slow answer.
                probe.put("failureThreshold", liveness.failureThreshold());
                container.set(kind, probe);
            }
        }

        /**
         * How long the kubelet waits for the probe: an exec probe's program bounds its own request by healthTimeout
         * and is given {@link HealthCheck#PROGRAM_START_MARGIN} more for its start; httpGet and tcpSocket time the
         * request itself, in whole seconds (a loss when healthTimeout is not).
         */
        private long timeoutSeconds(DeployedBackend backend, ObjectNode probe) {
            Duration timeout = backend.timeouts().probeTimeout();
            if (probe.has("exec")) {
                return WholeSeconds.ceil(HealthCheck.programTimeout(timeout));
            }
            if (!WholeSeconds.isWhole(timeout)) {
                loss(backend, "healthTimeout", format(timeout) + ": probes time out after "
                        + WholeSeconds.ceil(timeout) + "s (Kubernetes counts whole seconds)");
            }
            return WholeSeconds.ceil(timeout);
        }

        /** The probe's handler: Kubernetes' own check where it is faithful, else the contract's check in the image. */
        private static ObjectNode probe(DeployedBackend backend, HealthCheck check) {
            ObjectNode probe = NODES.objectNode();
            int port = backend.endpoint().port();
            if (check.contract() == HealthContract.TCP) {
                probe.putObject("tcpSocket").put("port", port);
            } else if (check.statusCodeOnly()) {
                probe.putObject("httpGet").put("path", check.path()).put("port", port);
            } else {
                List<String> command = checkIn(backend, backend, LOCALHOST).orElseThrow(() -> new ExportRefused(
                        backend.name() + ": health " + check.contract().label() + ": no check of it runs in its image"
                                + " (" + backend.runtime() + " program '" + backend.command().get(0) + "'; there is"
                                + " one in Python for every JSON contract and in Node for lifeline); set health:"
                                + " status-code or tcp for Kubernetes' own check, or run it with python or node"));
                ArrayNode argv = probe.putObject("exec").putArray("command");
                command.forEach(argv::add);
            }
            return probe;
        }

        // ---- losses

        private void restartLosses(DeployedBackend backend) {
            RestartPolicy restart = backend.supervision().restart();
            switch (restart.mode()) {
                case ON_FAILURE -> loss(backend, "restart", "on-failure: a Deployment restarts its pod after any exit,"
                        + " 0 included (restartPolicy Always is its only value)");
                case NEVER -> loss(backend, "restart", "never: a Deployment restarts its pod after any exit or failed"
                        + " liveness probe (restartPolicy Always is its only value)");
                case ALWAYS -> {
                }
            }
            if (restart.mode() == RestartPolicy.Mode.NEVER) {
                return;
            }
            loss(backend, "maxRestarts", restart.maxRestarts() + " within " + format(restart.window())
                    + " (restartWindow): Kubernetes restarts without limit and never gives up");
            backoffLosses(backend, "restartDelay", restart.backoff(), "a restart");
            if (!restart.stableAfter().equals(KUBELET_BACKOFF_RESET)) {
                loss(backend, "stableAfter", format(restart.stableAfter()) + ": the kubelet starts its backoff over"
                        + " after " + format(KUBELET_BACKOFF_RESET) + " of running");
            }
        }

        private void retryLosses(DeployedBackend backend, String what) {
            loss(backend, "maxAttempts", backend.retry().maxAttempts() + ": Kubernetes retries " + what
                    + " without limit");
            backoffLosses(backend, "retryDelay", backend.retry().backoff(), "the next try");
            jitterLoss(backend);
        }

        private void backoffLosses(DeployedBackend backend, String setting, Backoff backoff, String before) {
            Backoff unjittered = new Backoff(backoff.initialDelay(), backoff.multiplier(), backoff.maxDelay(), 0.0);
            if (!unjittered.equals(KUBELET_BACKOFF)) {
                loss(backend, setting, describe(backoff) + ": the kubelet waits " + describe(KUBELET_BACKOFF)
                        + " before " + before + " (CrashLoopBackOff)");
            }
        }

        private void jitterLoss(DeployedBackend backend) {
            RetryPolicy retry = backend.retry();
            RestartPolicy restart = backend.supervision().restart();
            double jitter = Math.max(retry.jitter(), backend.job() || restart.mode() == RestartPolicy.Mode.NEVER
                    ? 0.0 : restart.jitter());
            if (jitter > 0) {
                loss(backend, "retryJitter", jitter + ": the kubelet's waits have no jitter");
            }
        }

        private long stopGrace(DeployedBackend backend) {
            if (!WholeSeconds.isWhole(backend.stopGrace())) {
                loss(backend, "stopGrace", format(backend.stopGrace()) + ": terminationGracePeriodSeconds is "
                        + WholeSeconds.ceil(backend.stopGrace()) + " (Kubernetes counts whole seconds)");
            }
            return WholeSeconds.ceil(backend.stopGrace());
        }

        private void loss(DeployedBackend backend, String setting, String what) {
            Loss loss = new Loss(backend.name(), setting, what);
            if (!losses.contains(loss)) {
                losses.add(loss);
            }
        }

        // ---- helpers

        private void requireImage(DeployedBackend backend) {
            if (backend.image().isEmpty()) {
                throw new ExportRefused(backend.name() + ": image: Kubernetes runs images and cannot build one; set"
                        + " image: <registry>/<name>:<tag> in " + backend.name() + "'s entry");
            }
        }

        /** The backends that wait for {@code backend}, in deployment order. */
        private List<BackendName> dependants(DeployedBackend backend) {
            return deployment.backends().stream()
                    .filter(other -> other.dependencyNames().contains(backend.name()))
                    .map(DeployedBackend::name).toList();
        }

        private String text(List<ObjectNode> objects) {
            StringWriter out = new StringWriter();
            out.write(ExportText.header("kubernetes", deployment, losses));
            List<DeployedBackend> withSecrets = deployment.backends().stream()
                    .filter(backend -> !backend.secretEnv().isEmpty()).toList();
            if (!withSecrets.isEmpty()) {
                out.write("# Create these Secrets first, from files of NAME=value lines (their .example beside this"
                        + " file names the keys; a value never goes on a command line, nor into this export):\n");
                for (DeployedBackend backend : withSecrets) {
                    out.write("# kubectl create secret generic " + names.secret(backend.name()) + " --from-env-file="
                            + secretsFile(backend) + "\n");
                }
            }
            try (SequenceWriter writer = ExportText.YAML.writer().with(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .writeValues(out)) {
                for (ObjectNode object : objects) {
                    writer.write(object);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }
    }

    /**
     * A value of a container's {@code command}, {@code args} or an env {@code value} as Kubernetes reads it back: it
     * replaces {@code $(NAME)} there by the variable's value and {@code $$} by {@code $}, so every {@code $} is
     * written {@code $$} (probes' commands are not expanded, and are written as they are).
     */
    static String literal(String value) {
        return value.replace("$", "$$");
    }

    private static ObjectNode map(Map<String, String> values) {
        ObjectNode node = NODES.objectNode();
        values.forEach(node::put);
        return node;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    private static String format(Duration duration) {
        return Durations.format(duration);
    }

    private static String describe(Backoff backoff) {
        return format(backoff.initialDelay()) + (backoff.multiplier() == 1.0 ? "" : backoff.multiplier() == 2.0
                ? " doubling" : " x" + backoff.multiplier()) + " to " + format(backoff.maxDelay());
    }
}
