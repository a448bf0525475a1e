package io.lifeline.adapter.cli.export;

import io.lifeline.adapter.cli.config.PythonCommand;
import io.lifeline.domain.model.CommandTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A backend's command and contract environment as a target runs them: {@code {port}} the configured port,
 * {@code {host}} the address the target needs ({@link #EVERY_ADDRESS} in a container, whose port is published or
 * probed from outside it), {@code {python}} the interpreter the target has, and {@code {correlationId}}, which
 * Lifeline makes anew for each launch, one fixed value per backend (a {@link Loss}).
 */
public final class Placeholders {

    /** What a backend in a container binds to: the probes and the published port come from outside it. */
    public static final String EVERY_ADDRESS = "0.0.0.0";
    /** The prefix of the variables of a run of Lifeline, never part of a deployment. */
    public static final String LIFELINE_VARIABLES = "LIFELINE_";
    /** The interpreter a container image has: the official Python images name it so. */
    public static final String IMAGE_PYTHON = "python";

    private Placeholders() {
    }

    /** The command with every placeholder filled; the correlation id is {@code app-backend}. */
    public static List<String> fill(Deployment deployment, DeployedBackend backend, String host, String python) {
        List<String> command = new ArrayList<>(backend.command());
        if (command.get(0).equals(PythonCommand.PLACEHOLDER)) {
            command.set(0, python);
        }
        Map<String, String> values = Map.of(CommandTemplate.PORT, Integer.toString(backend.endpoint().port()),
                CommandTemplate.HOST, host, CommandTemplate.CORRELATION_ID, correlationId(deployment, backend));
        return CommandTemplate.fill(command, values);
    }

    /**
     * What is lost when the command asks for {@code {correlationId}}: one id per launch becomes one per backend, so
     * the backend's log lines of two launches carry the same id.
     */
    public static Optional<Loss> correlationLoss(Deployment deployment, DeployedBackend backend) {
        if (!CommandTemplate.placeholders(backend.command()).contains(CommandTemplate.CORRELATION_ID)) {
            return Optional.empty();
        }
        return Optional.of(new Loss(backend.name(), "command", "{correlationId} is '"
                + correlationId(deployment, backend) + "' at every launch, not a new id per launch"));
    }

    /**
     * The variables Lifeline gives every backend it launches and that a backend may read for its address:
     * {@code BACKEND_HOST} and {@code BACKEND_PORT}, for a backend reached on its port. Never {@code LIFELINE_SECRET}
     * or any other {@code LIFELINE_*}: they belong to a run of Lifeline.
     */
    public static Map<String, String> contractEnv(DeployedBackend backend, String host) {
        Map<String, String> env = new LinkedHashMap<>();
        if (backend.listens()) {
            env.put("BACKEND_HOST", host);
            env.put("BACKEND_PORT", Integer.toString(backend.endpoint().port()));
        }
        return env;
    }

    /**
     * What a backend's environment is in a deployment, as Lifeline's launcher makes it: its own {@code env} values,
     * then {@link #contractEnv}, which wins. A {@code LIFELINE_*} variable of its own belongs to a run of Lifeline: it
     * is left out, and said as a loss.
     */
    public static SortedMap<String, String> environment(DeployedBackend backend, String host, List<Loss> losses) {
        SortedMap<String, String> env = new TreeMap<>();
        backend.env().forEach((name, value) -> {
            if (name.startsWith(LIFELINE_VARIABLES)) {
                losses.add(new Loss(backend.name(), "env", name + " belongs to a run of Lifeline: not exported"));
            } else {
                env.put(name, value);
            }
        });
        env.putAll(contractEnv(backend, host));
        return env;
    }

    private static String correlationId(Deployment deployment, DeployedBackend backend) {
        return deployment.app() + "-" + backend.name();
    }
}
