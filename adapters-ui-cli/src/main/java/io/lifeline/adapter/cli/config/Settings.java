package io.lifeline.adapter.cli.config;

import io.lifeline.domain.model.AttachPolicy;
import io.lifeline.domain.model.Backoff;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.LivenessPolicy;
import io.lifeline.domain.model.RestartPolicy;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.port.in.StartBackendCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every setting, declared once: key, flag, environment variable, type, default and docs text. Adding a setting is
 * adding a constant here and to {@link #ALL} (and a row in docs/configuration.md, which a test checks); the loader,
 * the command-line options, {@code lifeline config}, the unknown-key hints and the tests of the defaults follow.
 * Defaults come from the domain's {@code DEFAULT_} constants; one told in words is declared so
 * ({@code byDefaultDescribed}).
 */
public final class Settings {

    /** What the bundled fixture backend calls itself in /health. */
    public static final String BUNDLED_SERVICE = "lifeline-fixture";
    /** Where the bundled backend and Lifeline's own JSON contract answer. */
    public static final String HEALTH_PATH_DEFAULT = "/health";
    /** The folder of the bundled backend, below Lifeline's installation. */
    public static final String BUNDLED_BACKEND_FOLDER = "fixture-backend";

    public static final Setting<String> HOST = Setting.of("host", ValueTypes.HOST)
            .flag("--host").env("BACKEND_HOST")
            .describe("HOST", "Host the backend binds to and Lifeline probes")
            .byDefault(Endpoint.DEFAULT_HOST).build();

    public static final Setting<PortChoice> PORT = Setting.of("port", ValueTypes.PORT)
            .flag("--port").env("BACKEND_PORT")
            .describe("PORT", "Port the backend listens on (1-65535), or auto for a free one")
            .byDefault(new PortChoice(Endpoint.DEFAULT_PORT)).build();

    public static final Setting<List<String>> COMMAND = Setting.of("command", ValueTypes.COMMAND)
            .flag("--command")
            .describe("COMMAND", "The backend's program and arguments: a list, or one string split like a shell"
                    + " would (no shell runs it); {port}, {host}, {correlationId} are filled in, "
                    + PythonCommand.PLACEHOLDER + " as the"
                    + " program is the interpreter Lifeline finds")
            .byDefault(BundledBackend.COMMAND).shown(ValueTypes.COMMAND::format).build();

    public static final Setting<Path> WORKING_DIR = Setting.of("workingDir", ValueTypes.EXISTING_FOLDER)
            .flag("--working-dir")
            .describe("DIR", "Where the command runs; relative paths in it start here")
            .byDefaultDescribed("backendDir for the bundled backend (or when backendDir is set), else the current"
                    + " directory",
                    Folders::workingDirectory)
            .shown(Path::toString).build();

    public static final Setting<Map<String, String>> ENV = Setting.of("env", ValueTypes.ENVIRONMENT)
            .describe("MAPPING", "Extra environment variables for the backend (a mapping in the file); values of"
                    + " names like *TOKEN*, *SECRET*, *PASSWORD*, *_KEY are never shown or logged")
            .byDefaultDescribed("none", folders -> Map.of()).shown(ValueTypes.ENVIRONMENT::format).build();

    public static final Setting<Path> BACKEND_DIR = Setting.of("backendDir", ValueTypes.EXISTING_FOLDER)
            .flag("--backend-dir")
            .describe("DIR", "Folder holding the bundled backend's main.py (the default command); also the default"
                    + " working directory")
            .byDefaultDescribed("<lifeline home>/" + BUNDLED_BACKEND_FOLDER, Settings::bundledBackend)
            .shown(Path::toString).build();

    public static final Setting<Optional<Path>> PYTHON = Setting.of("python", ValueTypes.INTERPRETER)
            .flag("--python")
            .describe("PYTHON", "Python interpreter for a command that starts with " + PythonCommand.PLACEHOLDER
                    + ": a path or a command"
                    + " on PATH; when unset: the backend's venv, then python3, python")
            .byDefaultDescribed("discovered", folders -> Optional.empty()).shown(ValueTypes.INTERPRETER::format)
            .build();

    public static final Setting<Integer> MAX_ATTEMPTS = Setting.of("maxAttempts",
                    ValueTypes.wholeNumber(1, RetryPolicy.MAX_ALLOWED_ATTEMPTS))
            .flag("--max-attempts").formerly("maxRetries", "--max-retries")
            .describe("N", "Launch attempts in total: 3 = first try + 2 retries (1-100); formerly maxRetries"
                    + " (--max-retries), still accepted")
            .byDefault(RetryPolicy.DEFAULT_MAX_ATTEMPTS).build();

    /**
     * The same setting under its former constant name, for code written before the rename.
     *
     * @deprecated it counts attempts: use {@link #MAX_ATTEMPTS}
     */
    @Deprecated(forRemoval = true)
    public static final Setting<Integer> MAX_RETRIES = MAX_ATTEMPTS;

    public static final Setting<Duration> RETRY_DELAY = Setting.of("retryDelay", ValueTypes.DURATION)
            .flag("--retry-delay")
            .describe("DURATION", "Wait after the first failed attempt; doubles after each further one")
            .byDefault(RetryPolicy.DEFAULT_INITIAL_DELAY).build();

    public static final Setting<Duration> RETRY_MAX_DELAY = Setting.of("retryMaxDelay", ValueTypes.DURATION)
            .describe("DURATION", "Cap on the wait between attempts; when not set, at least retryDelay")
            .byDefault(RetryPolicy.DEFAULT_MAX_DELAY).build();

    public static final Setting<Double> RETRY_JITTER = Setting.of("retryJitter", ValueTypes.FRACTION)
            .describe("FRACTION", "Random spread of each wait, 0 to 1 (0.2 = +/-20 %)")
            .byDefault(Backoff.DEFAULT_JITTER).build();

    public static final Setting<Duration> STARTUP_TIMEOUT = Setting.of("startupTimeout", ValueTypes.DURATION)
            .flag("--startup-timeout")
            .describe("DURATION", "Per attempt: from launch until the backend must be healthy")
            .byDefault(TimeoutPolicy.DEFAULT_STARTUP_TIMEOUT).build();

    public static final Setting<Duration> HEALTH_TIMEOUT = Setting.of("healthTimeout", ValueTypes.DURATION)
            .flag("--health-timeout")
            .describe("DURATION", "Per health probe: connect, headers and body")
            .byDefault(TimeoutPolicy.DEFAULT_PROBE_TIMEOUT).build();

    public static final Setting<Duration> PROBE_INTERVAL = Setting.of("probeInterval", ValueTypes.DURATION)
            .flag("--probe-interval")
            .describe("DURATION", "Pause between health probes while waiting (backend output also triggers a probe)")
            .byDefault(TimeoutPolicy.DEFAULT_PROBE_INTERVAL).build();

    public static final Setting<Optional<String>> EXPECTED_SERVICE = Setting.of("expectedService",
                    ValueTypes.SERVICE_NAME)
            .flag("--expected-service")
            .describe("NAME", "The service name /health must report; a backend that reports another name is not"
                    + " attached to")
            .byDefaultDescribed(BUNDLED_SERVICE + " for the bundled backend", folders -> Optional.empty()).build();

    public static final Setting<Optional<String>> EXPECTED_VERSION = Setting.of("expectedVersion",
                    ValueTypes.SERVICE_NAME)
            .flag("--expected-version")
            .describe("VERSION", "The version a running backend must report to be attached to (Lifeline JSON"
                    + " version, IETF releaseId or version); another version is refused as stale")
            .byDefaultDescribed("any", folders -> Optional.empty()).build();

    public static final Setting<AttachPolicy> ATTACH = Setting.of("attach", ValueTypes.ATTACH_POLICY)
            .flag("--attach")
            .describe("POLICY", "A ready backend already on the port: verified (attach only when it is proven ours:"
                    + " launched by Lifeline, the configured command started by hand, or the challenge answered),"
                    + " healthy (attach to any ready answer), or never")
            .byDefault(AttachPolicy.VERIFIED).build();

    public static final Setting<HealthContract> HEALTH = Setting.of("health", ValueTypes.HEALTH_CONTRACT)
            .flag("--health")
            .describe("CONTRACT", "How the backend says it is ready: " + HealthContract.described())
            .byDefault(HealthContract.LIFELINE).build();

    public static final Setting<String> HEALTH_PATH = Setting.of("healthPath", ValueTypes.URL_PATH)
            .flag("--health-path")
            .describe("PATH", "The health endpoint's path (not used by the tcp contract)")
            .byDefault(HEALTH_PATH_DEFAULT).build();

    public static final Setting<Optional<Pattern>> READY_LINE = Setting.of("readyLine", ValueTypes.READY_LINE)
            .flag("--ready-line")
            .describe("REGEX", "A line of the backend's output that means ready (a regular expression, found"
                    + " anywhere in the line): with health none it is the readiness; otherwise it asks for a"
                    + " confirming probe at once")
            .byDefaultDescribed("none", folders -> Optional.empty()).build();

    public static final Setting<List<String>> REQUIRED_SERVICES = Setting.of("requiredServices", ValueTypes.NAMES)
            .flag("--required-services")
            .describe("NAMES", "Services that must be healthy (a list in a file, comma-separated as a flag); empty:"
                    + " only the overall status counts. Default for the lifeline contract; none for the others")
            .byDefault(HealthAcceptance.DEFAULT_REQUIRED_SERVICES.stream().sorted().toList()).build();

    public static final Setting<Boolean> ACCEPT_DEGRADED = Setting.of("acceptDegraded", ValueTypes.BOOLEAN)
            .describe("BOOLEAN", "Whether a degraded backend counts as connected")
            .byDefault(HealthAcceptance.DEFAULT_ACCEPT_DEGRADED).build();

    public static final Setting<RestartPolicy.Mode> RESTART = Setting.of("restart", ValueTypes.RESTART_MODE)
            .flag("--restart")
            .describe("MODE", "When a connected backend goes down: on-failure (not after a clean exit 0), always,"
                    + " or never")
            .byDefault(RestartPolicy.DEFAULT_MODE).build();

    public static final Setting<Duration> RESTART_DELAY = Setting.of("restartDelay", ValueTypes.DURATION)
            .flag("--restart-delay")
            .describe("DURATION", "Wait before the first restart; doubles after each further one, back to this once"
                    + " stable")
            .byDefault(RestartPolicy.DEFAULT_INITIAL_DELAY).build();

    public static final Setting<Duration> RESTART_MAX_DELAY = Setting.of("restartMaxDelay", ValueTypes.DURATION)
            .describe("DURATION", "Cap on the wait before a restart; when not set, at least restartDelay")
            .byDefault(RestartPolicy.DEFAULT_MAX_DELAY).build();

    public static final Setting<Integer> MAX_RESTARTS = Setting.of("maxRestarts",
                    ValueTypes.wholeNumber(1, RestartPolicy.MAX_ALLOWED_RESTARTS))
            .flag("--max-restarts")
            .describe("N", "Restarts allowed within restartWindow; one more down and Lifeline gives up (1-1000)")
            .byDefault(RestartPolicy.DEFAULT_MAX_RESTARTS).build();

    public static final Setting<Duration> RESTART_WINDOW = Setting.of("restartWindow", ValueTypes.DURATION)
            .flag("--restart-window")
            .describe("DURATION", "The sliding window maxRestarts counts in; it counts the backend's time, not the"
                    + " waits between restarts")
            .byDefault(RestartPolicy.DEFAULT_WINDOW).build();

    public static final Setting<Duration> STABLE_AFTER = Setting.of("stableAfter", ValueTypes.DURATION)
            .describe("DURATION", "Healthy this long after a (re)start and the restart backoff starts over")
            .byDefault(RestartPolicy.DEFAULT_STABLE_AFTER).build();

    public static final Setting<Duration> LIVENESS_INTERVAL = Setting.of("livenessInterval", ValueTypes.DURATION)
            .flag("--liveness-interval")
            .describe("DURATION", "After connect: one health check this often")
            .byDefault(LivenessPolicy.DEFAULT_INTERVAL).build();

    public static final Setting<Integer> LIVENESS_THRESHOLD = Setting.of("livenessThreshold",
                    ValueTypes.wholeNumber(1, LivenessPolicy.MAX_FAILURE_THRESHOLD))
            .flag("--liveness-threshold")
            .describe("N", "Failed health checks in a row that mean the backend is down and is restarted (1-100)")
            .byDefault(LivenessPolicy.DEFAULT_FAILURE_THRESHOLD).build();

    public static final Setting<Duration> STOP_GRACE = Setting.of("stopGrace", ValueTypes.DURATION)
            .flag("--stop-grace")
            .describe("DURATION", "Between SIGTERM and SIGKILL when stopping the backend's process tree")
            .byDefault(StartBackendCommand.DEFAULT_STOP_GRACE).build();

    public static final Setting<Boolean> EXIT_WITH_PARENT = Setting.of("exitWithParent", ValueTypes.BOOLEAN)
            .flag("--exit-with-parent").env("LIFELINE_EXIT_WITH_PARENT")
            .describe("BOOLEAN", "start (not --detach): when the process that started Lifeline exits, or closes"
                    + " the pipe on Lifeline's stdin, stop the backend and exit; false for a start from a shell with"
                    + " & or nohup that should outlive it")
            .byDefault(true).ofTheApp().build();

    public static final Setting<Path> LOG_DIR = Setting.of("logDir", ValueTypes.FOLDER)
            .flag("--log-dir")
            .describe("DIR", "Folder of lifeline.log (Lifeline's and the backend's output)")
            .byDefault("~/.lifeline/logs", folders -> folders.resolve("~/.lifeline/logs"))
            .shown(Path::toString).ofTheApp().build();

    public static final Setting<Path> RUN_DIR = Setting.of("runDir", ValueTypes.FOLDER)
            .flag("--run-dir")
            .describe("DIR", "Folder of the state files (and output) of backends started with start --detach")
            .byDefault("~/.lifeline/run", folders -> folders.resolve("~/.lifeline/run"))
            .shown(Path::toString).ofTheApp().build();

    public static final Setting<Optional<String>> IMAGE = Setting.of("image", ValueTypes.IMAGE)
            .describe("IMAGE", "The container image that runs this backend, for lifeline export compose and"
                    + " kubernetes only; start never uses it")
            .byDefaultDescribed("none", folders -> Optional.empty())
            .build();

    /** Every setting, in the order help, {@code lifeline config} and the docs list them. */
    public static final List<Setting<?>> ALL = List.of(HOST, PORT, COMMAND, WORKING_DIR, ENV, BACKEND_DIR, PYTHON,
            MAX_ATTEMPTS, RETRY_DELAY, RETRY_MAX_DELAY, RETRY_JITTER, STARTUP_TIMEOUT, HEALTH_TIMEOUT, PROBE_INTERVAL,
            EXPECTED_SERVICE, EXPECTED_VERSION, ATTACH, HEALTH, HEALTH_PATH, READY_LINE, REQUIRED_SERVICES, ACCEPT_DEGRADED, RESTART,
            RESTART_DELAY, RESTART_MAX_DELAY, MAX_RESTARTS, RESTART_WINDOW, STABLE_AFTER, LIVENESS_INTERVAL,
            LIVENESS_THRESHOLD, STOP_GRACE, IMAGE, EXIT_WITH_PARENT, LOG_DIR, RUN_DIR);

    /**
     * The settings that say how to ask a running backend: where it is, by which contract, and what its answer must
     * hold. Every command that probes takes them as flags ({@code start} takes them all), so a setting added here
     * reaches {@code status} and {@code wait} too.
     */
    public static final List<Setting<?>> PROBING = List.of(HOST, PORT, HEALTH, HEALTH_PATH, HEALTH_TIMEOUT,
            REQUIRED_SERVICES, EXPECTED_SERVICE);

    private Settings() {
    }

    public static Optional<Setting<?>> byKey(String key) {
        return ALL.stream().<Setting<?>>map(setting -> setting).filter(setting -> setting.key().equals(key))
                .findFirst();
    }

    /** The setting that had this key before it was renamed. */
    public static Optional<Setting<?>> byFormerKey(String key) {
        return ALL.stream().<Setting<?>>map(setting -> setting)
                .filter(setting -> setting.formerKey().filter(key::equals).isPresent()).findFirst();
    }

    /** The setting with this flag, or with this as its former flag. */
    public static Optional<Setting<?>> byFlag(String flag) {
        return ALL.stream().<Setting<?>>map(setting -> setting)
                .filter(setting -> setting.flag().filter(flag::equals).isPresent()
                        || setting.formerFlag().filter(flag::equals).isPresent())
                .findFirst();
    }

    private static Path bundledBackend(Folders folders) {
        Path dir = folders.lifelineHome().resolve(BUNDLED_BACKEND_FOLDER).toAbsolutePath().normalize();
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the bundled backend folder " + dir + " does not exist (is this a"
                    + " complete checkout?); point --backend-dir at your backend");
        }
        return dir;
    }
}
