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
            "Port the backend listens on (1-65535)"),
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
    STOP_GRACE("stopGrace", "--stop-grace", null, "5s", "DURATION",
            "Between SIGTERM and SIGKILL when stopping the backend's process tree"),
    LOG_DIR("logDir", "--log-dir", null, "~/.lifeline/logs", "DIR",
            "Folder of lifeline.log (Lifeline's and the backend's output)");

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
