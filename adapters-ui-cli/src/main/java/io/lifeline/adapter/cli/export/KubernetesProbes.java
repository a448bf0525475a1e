package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeline.adapter.cli.config.HealthContract;
import io.lifeline.domain.model.LivenessPolicy;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Kubernetes container's probes from a backend's health check: a startup probe whose failureThreshold x
 * periodSeconds covers startupTimeout, then readiness and liveness probes from the liveness settings; Kubernetes'
 * own httpGet or tcpSocket where faithful, else the contract's check run in the image. What Kubernetes cannot say is
 * handed to the loss sink.
 */
final class KubernetesProbes {

    /** Where the check, run in the pod, finds the backend. */
    private static final String LOCALHOST = "127.0.0.1";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Consumer<Loss> losses;

    KubernetesProbes(Consumer<Loss> losses) {
        this.losses = losses;
    }

    void addTo(DeployedBackend backend, ObjectNode container) {
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
        long threshold = WholeSeconds.probesCovering(startup, period);
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
            List<String> command = CheckCommand.inImage(backend, backend.runtime(), LOCALHOST).orElseThrow(() ->
                    new ExportRefused(backend.name() + ": health " + check.contract().label() + ": no check of it"
                            + " runs in its image (" + backend.runtime() + " program '" + backend.command().get(0)
                            + "'; there is one in Python for every JSON contract and in Node for lifeline); set"
                            + " health: status-code or tcp for Kubernetes' own check, or run it with python or node"));
            ArrayNode argv = probe.putObject("exec").putArray("command");
            command.forEach(argv::add);
        }
        return probe;
    }

    private static String format(Duration duration) {
        return KubernetesTarget.format(duration);
    }


    private void loss(DeployedBackend backend, String setting, String what) {
        losses.accept(new Loss(backend.name(), setting, what));
    }
}
