package io.lifeline.adapter.cli;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every setting: its key in the config file, its flag, its environment variable and its default. The one list that
 * the loader, the help text and docs/configuration.md follow.
 */
public enum ConfigKey {
    HOST("host", "--host", "BACKEND_HOST", "127.0.0.1", "HOST",
            "Host the backend binds to and Lifeline probes"),
    PORT("port", "--port", "BACKEND_PORT", "8000", "PORT",
            "Port the backend listens on (1-65535), or auto for a free one"),
    BACKEND_DIR("backendDir", "--backend-dir", null, "<lifeline home>/fixture-backend", "DIR",
            "Folder holding the backend's main.py; also its working directory"),
    PYTHON("python", "--python", null, "discovered", "PYTHON",
            "Python interpreter: a path or a command on PATH; when unset: the backend's venv, then python3, python"),
    MAX_RETRIES("maxRetries", "--max-retries", null, "3", "N",
            "Launch attempts in total, as in the seed: 3 = first try + 2 retries (1-100)"),
    RETRY_DELAY("retryDelay", "--retry-delay", null, "2s", "DURATION",
            "Wait after the first failed attempt; doubles after each further one"),
    RETRY_MAX_DELAY("retryMaxDelay", null, null, "60s", "DURATION",
            "Cap on the wait between attempts"),
    RETRY_JITTER("retryJitter", null, null, "0", "FRACTION",
            "Random spread of each wait, 0 to 1 (0.2 = +/-20 %)"),
    STARTUP_TIMEOUT("startupTimeout", "--startup-timeout", null, "30s", "DURATION",
            "Per attempt: from launch until the backend must be healthy"),
    HEALTH_TIMEOUT("healthTimeout", "--health-timeout", null, "5s", "DURATION",
            "Per health probe: connect, headers and body"),
    PROBE_INTERVAL("probeInterval", "--probe-interval", null, "100ms", "DURATION",
            "Pause between health probes while waiting (backend output also triggers a probe)"),
    EXPECTED_SERVICE("expectedService", "--expected-service", null, "lifeline-fixture for the bundled backend", "NAME",
            "The service name /health must report; a backend that reports another name is not attached to"),
    ACCEPT_DEGRADED("acceptDegraded", null, null, "false", "BOOLEAN",
            "Whether a degraded backend counts as connected"),
    RESTART("restart", "--restart", null, "on-failure", "MODE",
            "When a connected backend goes down: on-failure (not after a clean exit 0), always, or never"),
    RESTART_DELAY("restartDelay", "--restart-delay", null, "2s", "DURATION",
            "Wait before the first restart; doubles after each further one, back to this once stable"),
    RESTART_MAX_DELAY("restartMaxDelay", null, null, "60s", "DURATION",
            "Cap on the wait before a restart"),
    MAX_RESTARTS("maxRestarts", "--max-restarts", null, "5", "N",
            "Restarts allowed within restartWindow; one more down and Lifeline gives up (1-1000)"),
    RESTART_WINDOW("restartWindow", "--restart-window", null, "60s", "DURATION",
            "The sliding window maxRestarts counts in; it counts the backend's time, not the waits between restarts"),
    STABLE_AFTER("stableAfter", null, null, "30s", "DURATION",
            "Healthy this long after a (re)start and the restart backoff starts over"),
    LIVENESS_INTERVAL("livenessInterval", "--liveness-interval", null, "5s", "DURATION",
            "After connect: one health check this often"),
    LIVENESS_THRESHOLD("livenessThreshold", "--liveness-threshold", null, "3", "N",
            "Failed health checks in a row that mean the backend is down and is restarted (1-100)"),
    STOP_GRACE("stopGrace", "--stop-grace", null, "5s", "DURATION",
            "Between SIGTERM and SIGKILL when stopping the backend's process tree"),
    LOG_DIR("logDir", "--log-dir", null, "~/.lifeline/logs", "DIR",
            "Folder of lifeline.log (Lifeline's and the backend's output)"),
    RUN_DIR("runDir", "--run-dir", null, "~/.lifeline/run", "DIR",
            "Folder of the state files (and output) of backends started with start --detach");

    private final String key;
    private final String flag;
    private final String environmentVariable;
    private final String defaultValue;
    private final String valueLabel;
    private final String description;

    ConfigKey(String key, String flag, String environmentVariable, String defaultValue, String valueLabel,
              String description) {
        this.key = key;
        this.flag = flag;
        this.environmentVariable = environmentVariable;
        this.defaultValue = defaultValue;
        this.valueLabel = valueLabel;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }

    public Optional<String> environmentVariable() {
        return Optional.ofNullable(environmentVariable);
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** What the value is, for help texts: {@code DURATION}, {@code PORT}, ... */
    public String valueLabel() {
        return valueLabel;
    }

    public String description() {
        return description;
    }

    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(value -> value.key.equals(key)).findFirst();
    }
}
