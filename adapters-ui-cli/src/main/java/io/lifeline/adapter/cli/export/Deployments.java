package io.lifeline.adapter.cli.export;

import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.adapter.cli.config.ConfigException;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.PythonCommand;
import io.lifeline.adapter.cli.config.Secrets;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.port.in.StartBackendCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** The {@link Deployment} of an app as {@code start} would run it: every backend's settings, resolved once. */
public final class Deployments {

    private Deployments() {
    }

    /**
     * @param lifeline     the {@code lifeline} launcher, for a unit that runs {@code lifeline wait}
     * @param interpreters the interpreter {@code {python}} is on this machine for a backend, as {@code start} finds it
     * @throws ConfigException when a backend's port is picked at each start ({@code port: auto}): a deployment
     *                         listens on a port it is given
     */
    public static Deployment of(AppConfig app, Path lifeline, Function<BackendSpec, Optional<Path>> interpreters) {
        List<DeployedBackend> backends = new ArrayList<>();
        for (BackendName name : app.plan().dependencyOrder()) {
            backends.add(backend(app.backend(name), app.plan().find(name).orElseThrow(), interpreters));
        }
        String appName = Deployment.appName(app.file().map(file -> file.getFileName().toString())
                .orElse("lifeline"));
        return new Deployment(appName, backends, app.file().map(file -> file.toAbsolutePath().normalize()),
                lifeline.toAbsolutePath().normalize());
    }

    /**
     * A secret in a place an export writes as it is (a command's word, the health path's query) is refused: it
     * would reach argv, a unit file, a probe. The fix is the environment, under a name that says it is secret.
     */
    private static void refuseSecretIn(LifelineConfig config, String setting, List<String> words) {
        Secrets.secretWord(words).ifPresent(index -> {
            throw new ConfigException(config.name() + ": " + setting + " (from " + config.origin(settingOf(setting))
                    + ") holds what looks like a secret" + (words.size() > 1 ? " in word " + (index + 1) : "")
                    + ", which an export would write as it is; pass it in env under a name like API_TOKEN and let"
                    + " the backend read it there");
        });
    }

    private static io.lifeline.adapter.cli.config.Setting<?> settingOf(String key) {
        return Settings.byKey(key).orElseThrow();
    }

    /** {@code command} is the plan's: a backend waited for to complete is a job there. */
    private static DeployedBackend backend(LifelineConfig config, StartBackendCommand command,
                                           Function<BackendSpec, Optional<Path>> interpreters) {
        BackendSpec spec = command.backend();
        boolean listens = !config.reachedByNoPort();
        if (listens && config.get(Settings.PORT).auto()) {
            throw new ConfigException(config.name() + ": port auto (from " + config.origin(Settings.PORT)
                    + ") is picked anew at each start, and a deployment listens on the port it is given: set "
                    + (config.name().equals(BackendName.DEFAULT) ? "" : "its own ") + "port (e.g. port: 8000)"
                    + " for the export");
        }
        refuseSecretIn(config, "command", spec.command());
        refuseSecretIn(config, "healthPath", List.of(config.get(Settings.HEALTH_PATH)));
        SortedMap<String, String> env = new TreeMap<>();
        SortedSet<String> secretEnv = new TreeSet<>();
        for (Map.Entry<String, String> entry : spec.environment().entrySet()) {
            if (entry.getKey().startsWith(Placeholders.LIFELINE_VARIABLES) && !Secrets.mayBeWritten(entry.getKey(),
                    entry.getValue())) {
                // Lifeline gives a backend its own LIFELINE_SECRET at each launch: one from the file never counts.
                continue;
            }
            if (Secrets.mayBeWritten(entry.getKey(), entry.getValue())) {
                env.put(entry.getKey(), entry.getValue());
            } else {
                secretEnv.add(entry.getKey());
            }
        }
        Path workingDir = spec.directory().toAbsolutePath().normalize();
        HealthCheck check = new HealthCheck(config.get(Settings.HEALTH), config.get(Settings.HEALTH_PATH),
                List.copyOf(command.acceptance().requiredServices()), command.acceptance().expectedService(),
                command.acceptance().acceptDegraded(), spec.readiness().readyLine());
        Optional<Path> interpreter = PythonCommand.findsInterpreter(spec.command()) ? interpreters.apply(spec)
                : Optional.empty();
        Optional<Path> buildContext = Files.isRegularFile(workingDir.resolve("Dockerfile")) ? Optional.of(workingDir)
                : Optional.empty();
        return new DeployedBackend(config.name(), spec.command(), workingDir, env, secretEnv, command.endpoint(),
                listens, spec.readiness().completion(), check, command.timeouts(), command.retry(),
                command.supervision(), command.stopGrace(), command.dependsOn(), interpreter,
                config.get(Settings.IMAGE), buildContext);
    }
}
