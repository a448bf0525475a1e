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
            new KubernetesProbes(this::loss).addTo(backend, container);
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
            return CheckCommand.inImage(backend, runner.runtime(), host);
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
            loss(new Loss(backend.name(), setting, what));
        }

        private void loss(Loss loss) {
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


    static String format(Duration duration) {
        return Durations.format(duration);
    }

    private static String describe(Backoff backoff) {
        return format(backoff.initialDelay()) + (backoff.multiplier() == 1.0 ? "" : backoff.multiplier() == 2.0
                ? " doubling" : " x" + backoff.multiplier()) + " to " + format(backoff.maxDelay());
    }
}
