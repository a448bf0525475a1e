package io.lifeline.adapter.cli.export;

import io.lifeline.adapter.cli.config.HealthContract;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.SupervisionPolicy;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.port.in.StartBackendCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Deployments to render in tests: the recipe app's four backends (a migration job, the FastAPI api with Lifeline's
 * JSON contract, a worker ready by a line, a Node web server ready by TCP) with the defaults of {@code start}, and
 * ways to change one setting. Paths are neutral ({@code /home/user/app}).
 */
public final class ExportTestData {

    public static final Path APP = Path.of("/home/user/app");
    public static final Path LIFELINE = Path.of("/opt/lifeline/lifeline");
    public static final BackendName MIGRATE = new BackendName("migrate");
    public static final BackendName API = new BackendName("api");
    public static final BackendName WORKER = new BackendName("worker");
    public static final BackendName WEB = new BackendName("web");

    /** Finds every program named without a folder in /usr/bin, so that a rendering does not depend on the machine. */
    public static final ProgramSearch USR_BIN = (name, backendEnv) -> Optional.of(Path.of("/usr/bin").resolve(name));

    private ExportTestData() {
    }

    /** Lifeline's JSON contract at /health with the default required services, as the bundled fixture answers. */
    public static HealthCheck lifelineJson() {
        return new HealthCheck(HealthContract.LIFELINE, "/health",
                List.copyOf(HealthAcceptance.DEFAULT_REQUIRED_SERVICES), Optional.of("lifeline-fixture"), false,
                Optional.empty());
    }

    public static HealthCheck contract(HealthContract contract) {
        return new HealthCheck(contract, "/health", List.of(), Optional.empty(), false,
                contract == HealthContract.NONE ? Optional.of(Pattern.compile("worker ready")) : Optional.empty());
    }

    /** The api: FastAPI on port 8000, Lifeline's JSON, a secret and a plain variable, supervised by default. */
    public static DeployedBackend api() {
        return new DeployedBackend(API, List.of("{python}", "-m", "uvicorn", "app:app", "--host", "{host}", "--port",
                "{port}"), APP, new TreeMap<>(Map.of("APP_MODE", "demo")), new TreeSet<>(Set.of("API_TOKEN")),
                new Endpoint("127.0.0.1", 8000), true, false, lifelineJson(), TimeoutPolicy.DEFAULT,
                RetryPolicy.DEFAULT, SupervisionPolicy.DEFAULT, StartBackendCommand.DEFAULT_STOP_GRACE,
                List.of(Dependency.on(MIGRATE, DependencyCondition.COMPLETED)),
                Optional.of(Path.of("/home/user/app/.venv/bin/python")), Optional.of("ghcr.io/example/api:1.0"),
                Optional.empty());
    }

    /** A one-shot migration api waits for. */
    public static DeployedBackend migrate() {
        return new DeployedBackend(MIGRATE, List.of("{python}", "migrate.py"), APP, new TreeMap<>(), new TreeSet<>(),
                new Endpoint("127.0.0.1", 49_200), false, true, new HealthCheck(HealthContract.NONE, "/health", List.of(), Optional.empty(), false,
                Optional.empty()),
                TimeoutPolicy.DEFAULT, RetryPolicy.DEFAULT, SupervisionPolicy.NONE,
                StartBackendCommand.DEFAULT_STOP_GRACE, List.of(),
                Optional.of(Path.of("/home/user/app/.venv/bin/python")), Optional.of("ghcr.io/example/api:1.0"),
                Optional.empty());
    }

    /** A worker with no port, ready when it prints "worker ready", restarted with the api. */
    public static DeployedBackend worker() {
        return new DeployedBackend(WORKER, List.of("{python}", "worker.py"), APP, new TreeMap<>(), new TreeSet<>(),
                new Endpoint("127.0.0.1", 49_201), false, false, contract(HealthContract.NONE),
                TimeoutPolicy.DEFAULT, RetryPolicy.DEFAULT, SupervisionPolicy.DEFAULT,
                StartBackendCommand.DEFAULT_STOP_GRACE,
                List.of(Dependency.healthy(API).withTimeout(Duration.ofSeconds(20)).restartingWith()),
                Optional.of(Path.of("/home/user/app/.venv/bin/python")), Optional.of("ghcr.io/example/api:1.0"),
                Optional.empty());
    }

    /** A Node dev server on 5173, ready when it accepts a connection. */
    public static DeployedBackend web() {
        return new DeployedBackend(WEB, List.of("npx", "--no", "vite", "--host", "{host}", "--port", "{port}",
                "--strictPort"), APP.resolve("web"), new TreeMap<>(), new TreeSet<>(),
                new Endpoint("127.0.0.1", 5173), true, false, contract(HealthContract.TCP), TimeoutPolicy.DEFAULT,
                RetryPolicy.DEFAULT, SupervisionPolicy.DEFAULT, StartBackendCommand.DEFAULT_STOP_GRACE,
                List.of(Dependency.healthy(API)), Optional.empty(), Optional.of("ghcr.io/example/web:1.0"),
                Optional.empty());
    }

    /** The four, in dependency order, from a file ~/app/app.yaml. */
    public static Deployment app() {
        return deployment(migrate(), api(), worker(), web());
    }

    public static Deployment deployment(DeployedBackend... backends) {
        return new Deployment("app", List.of(backends), Optional.of(APP.resolve("app.yaml")), LIFELINE);
    }
}
