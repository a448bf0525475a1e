package io.lifeline.adapter.cli.export;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.SupervisionPolicy;
import io.lifeline.domain.model.TimeoutPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One backend of a {@link Deployment}, every setting resolved. Secret values are not in it at all: {@code env} holds
 * the values that may be written, {@code secretEnv} only the names of the others, which a target refers to (an env
 * file, a Kubernetes Secret) and never fills in.
 *
 * @param command     as configured: placeholders ({@code {port}}, {@code {host}}, {@code {correlationId}}, and
 *                    {@code {python}} as the program) are filled per target by {@link Placeholders}
 * @param workingDir  absolute
 * @param env         the backend's own {@code env} values that do not look secret, sorted by name
 * @param secretEnv   the names of its {@code env} values that look secret, sorted
 * @param listens     whether it is reached on its port (probed there, or {@code {port}} on its command)
 * @param job         a one-shot job: a dependant waits for it to exit with 0; not probed, never restarted
 * @param interpreter the Python interpreter for {@code {python}} on this machine, when the command names it
 * @param image       the container image, when configured ({@code image}, used by exports only)
 * @param buildContext the folder with a Dockerfile that compose can build the image from, when there is one
 */
public record DeployedBackend(BackendName name, List<String> command, Path workingDir, SortedMap<String, String> env,
                              SortedSet<String> secretEnv, Endpoint endpoint, boolean listens, boolean job,
                              HealthCheck check, TimeoutPolicy timeouts, RetryPolicy retry,
                              SupervisionPolicy supervision, Duration stopGrace, List<Dependency> dependsOn,
                              Optional<Path> interpreter, Optional<String> image, Optional<Path> buildContext) {

    private static final Pattern PYTHON_PROGRAM =
            Pattern.compile("\\{python}|python[0-9.]*|uvicorn|gunicorn|hypercorn|fastapi|flask|daphne|granian");
    private static final Pattern NODE_PROGRAM = Pattern.compile("node|nodejs|npm|npx|yarn|pnpm|nodemon|tsx|ts-node");

    /** What the backend's image surely has to run a health check with: the program its command runs on. */
    public enum Runtime { PYTHON, NODE, OTHER }

    public DeployedBackend {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a command names a program");
        }
        if (!workingDir.isAbsolute()) {
            throw new IllegalArgumentException("the working folder is absolute, was " + workingDir);
        }
        env = new TreeMap<>(env);
        secretEnv = new TreeSet<>(secretEnv);
        for (String secret : secretEnv) {
            if (env.containsKey(secret)) {
                throw new IllegalArgumentException(secret + " is either written or secret, not both");
            }
        }
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(supervision, "supervision");
        Objects.requireNonNull(stopGrace, "stopGrace");
        dependsOn = List.copyOf(dependsOn);
        Objects.requireNonNull(interpreter, "interpreter");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(buildContext, "buildContext");
    }

    /** Unmodifiable views, so that a renderer cannot change what the next one sees. */
    @Override
    public SortedMap<String, String> env() {
        return java.util.Collections.unmodifiableSortedMap(env);
    }

    @Override
    public SortedSet<String> secretEnv() {
        return java.util.Collections.unmodifiableSortedSet(secretEnv);
    }

    /** The runtime of its program's name ({@code {python}}, {@code uvicorn}, {@code node}, {@code npx}, ...). */
    public Runtime runtime() {
        // by text, not Path.of: a configured program may hold a character no path can (NUL), which a target refuses
        String program = command.get(0).substring(command.get(0).lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (PYTHON_PROGRAM.matcher(program).matches()) {
            return Runtime.PYTHON;
        }
        if (NODE_PROGRAM.matcher(program).matches()) {
            return Runtime.NODE;
        }
        return Runtime.OTHER;
    }

    /** The backends it waits for, by name. */
    public Set<BackendName> dependencyNames() {
        return dependsOn.stream().map(Dependency::on).collect(java.util.stream.Collectors.toCollection(
                java.util.LinkedHashSet::new));
    }
    /** The same backend, asked by another check. */
    public DeployedBackend withCheck(HealthCheck value) {
        return new DeployedBackend(name, command, workingDir, env, secretEnv, endpoint, listens, job, value, timeouts, retry, supervision, stopGrace, dependsOn, interpreter, image, buildContext);
    }

    /** The same backend under other timeouts. */
    public DeployedBackend withTimeouts(TimeoutPolicy value) {
        return new DeployedBackend(name, command, workingDir, env, secretEnv, endpoint, listens, job, check, value, retry, supervision, stopGrace, dependsOn, interpreter, image, buildContext);
    }

    /** The same backend under another retry policy. */
    public DeployedBackend withRetry(RetryPolicy value) {
        return new DeployedBackend(name, command, workingDir, env, secretEnv, endpoint, listens, job, check, timeouts, value, supervision, stopGrace, dependsOn, interpreter, image, buildContext);
    }

    /** The same backend under other supervision. */
    public DeployedBackend withSupervision(SupervisionPolicy value) {
        return new DeployedBackend(name, command, workingDir, env, secretEnv, endpoint, listens, job, check, timeouts, retry, value, stopGrace, dependsOn, interpreter, image, buildContext);
    }

    /** The same backend, waiting for others. */
    public DeployedBackend withDependsOn(List<Dependency> value) {
        return new DeployedBackend(name, command, workingDir, env, secretEnv, endpoint, listens, job, check, timeouts, retry, supervision, stopGrace, value, interpreter, image, buildContext);
    }

    /** The same backend in another image, or none. */
    public DeployedBackend withImage(Optional<String> value) {
        return new DeployedBackend(name, command, workingDir, env, secretEnv, endpoint, listens, job, check, timeouts, retry, supervision, stopGrace, dependsOn, interpreter, value, buildContext);
    }

    /** The same backend built from another folder, or none. */
    public DeployedBackend withBuildContext(Optional<Path> value) {
        return new DeployedBackend(name, command, workingDir, env, secretEnv, endpoint, listens, job, check, timeouts, retry, supervision, stopGrace, dependsOn, interpreter, image, value);
    }

    /** The same backend running another command. */
    public DeployedBackend withCommand(List<String> value) {
        return new DeployedBackend(name, value, workingDir, env, secretEnv, endpoint, listens, job, check, timeouts, retry, supervision, stopGrace, dependsOn, interpreter, image, buildContext);
    }
}
