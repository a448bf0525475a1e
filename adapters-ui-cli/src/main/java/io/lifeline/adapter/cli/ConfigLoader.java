package io.lifeline.adapter.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.model.LivenessPolicy;
import io.lifeline.domain.model.RestartPolicy;
import io.lifeline.domain.model.SupervisionPolicy;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.port.in.StartBackendCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the effective configuration from four layers, later ones winning: built-in defaults (the seed's config.js
 * values) &lt; config file ({@code --config FILE}, else {@code lifeline.yaml} in the working directory) &lt;
 * environment ({@code BACKEND_PORT}, {@code BACKEND_HOST}) &lt; command-line flags. Every problem is one
 * {@link ConfigException} line that names the key, the value and where it came from.
 */
public final class ConfigLoader {

    public static final String DEFAULT_FILE_NAME = "lifeline.yaml";
    /** {@code port: auto} picks a free loopback port. */
    public static final String AUTO = "auto";
    /** What the bundled fixture backend calls itself in /health. */
    public static final String BUNDLED_SERVICE = "lifeline-fixture";

    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final Path lifelineHome;
    private final Path userHome;

    /**
     * @param lifelineHome where Lifeline is installed; the bundled backend is its {@code fixture-backend} folder
     */
    public ConfigLoader(Path workingDirectory, Map<String, String> environment, Path lifelineHome, Path userHome) {
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        this.environment = Map.copyOf(environment);
        this.lifelineHome = Objects.requireNonNull(lifelineHome, "lifelineHome");
        this.userHome = Objects.requireNonNull(userHome, "userHome");
    }

    /** A value as given, before parsing, and where it came from. */
    record RawValue(String text, String source) {
    }

    /**
     * @param configFile the {@code --config} flag, if given
     * @param flags      values given as flags, by key
     */
    public LifelineConfig load(Optional<Path> configFile, Map<ConfigKey, String> flags) {
        Map<ConfigKey, RawValue> values = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            values.put(key, new RawValue(key.defaultValue(), "default"));
        }
        fileLayer(configFile).forEach(values::put);
        for (ConfigKey key : ConfigKey.values()) {
            key.environmentVariable()
                    .filter(variable -> environment.containsKey(variable) && !environment.get(variable).isBlank())
                    .ifPresent(variable -> values.put(key, new RawValue(environment.get(variable), "env " + variable)));
        }
        flags.forEach((key, text) -> values.put(key, new RawValue(text, "flag " + key.flag().orElse(key.key()))));
        return resolve(values);
    }

    // ---- the file layer ----

    private Map<ConfigKey, RawValue> fileLayer(Optional<Path> explicit) {
        Path file;
        if (explicit.isPresent()) {
            file = workingDirectory.resolve(explicit.get());
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file " + file + " (from flag --config) does not exist or is not a file");
            }
        } else {
            file = workingDirectory.resolve(DEFAULT_FILE_NAME);
            if (!Files.exists(file)) {
                return Map.of();
            }
        }
        String content;
        try {
            content = Files.readString(file);
        } catch (NoSuchFileException missing) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException | SecurityException unreadable) {
            throw new ConfigException("cannot read config file " + file + ": " + FileProblems.describe(unreadable));
        }
        return parseFile(file, content);
    }

    Map<ConfigKey, RawValue> parseFile(Path file, String content) {
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        ObjectMapper mapper = new ObjectMapper(factory);
        Map<ConfigKey, RawValue> values = new EnumMap<>(ConfigKey.class);
        try (JsonParser parser = mapper.createParser(content)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return values;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(file + ":" + line(parser.currentTokenLocation())
                        + ": the config file must be a mapping of keys to values, e.g. 'port: 8000'");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int line = line(parser.currentTokenLocation());
                parser.nextToken();
                JsonNode node = mapper.readTree(parser);
                ConfigKey key = ConfigKey.byKey(name).orElseThrow(() -> unknownKey(file, line, name));
                String where = file.getFileName() + ":" + line;
                if (node == null || node.isNull()) {
                    throw new ConfigException("key '" + name + "' in " + where + " has no value");
                }
                if (!node.isValueNode()) {
                    throw new ConfigException("key '" + name + "' in " + where + " must be a single value, not a "
                            + (node.isArray() ? "list" : "mapping"));
                }
                values.put(key, new RawValue(node.asText(), where));
            }
        } catch (JsonProcessingException syntax) {
            if (syntax.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                // SnakeYAML knows the line of the actual problem; Jackson only knows where the context began.
                int line = yaml.getProblemMark().getLine() + 1;
                String context = yaml.getContext() != null && yaml.getContextMark() != null
                        && yaml.getContextMark().getLine() + 1 != line
                        ? " (" + yaml.getContext() + " started on line " + (yaml.getContextMark().getLine() + 1) + ")"
                        : "";
                throw new ConfigException(file + ":" + line + ": not valid YAML: " + yaml.getProblem() + context);
            }
            JsonLocation location = syntax.getLocation();
            String at = location == null ? "" : ":" + location.getLineNr();
            throw new ConfigException(file + at + ": not valid " + (json ? "JSON" : "YAML") + ": "
                    + syntax.getOriginalMessage().lines().findFirst().orElse("syntax error"));
        } catch (IOException unreadable) {
            throw new ConfigException("cannot read config file " + file + ": " + FileProblems.describe(unreadable));
        }
        return values;
    }

    private static ConfigException unknownKey(Path file, int line, String name) {
        String known = Arrays.stream(ConfigKey.values()).map(ConfigKey::key).reduce((a, b) -> a + ", " + b).orElse("");
        String hint = closest(name).map(suggestion -> " - did you mean '" + suggestion + "'?")
                .orElse(" (known keys: " + known + ")");
        return new ConfigException("unknown key '" + name + "' in " + file.getFileName() + ":" + line + hint);
    }

    static Optional<String> closest(String name) {
        return Arrays.stream(ConfigKey.values()).map(ConfigKey::key)
                .min(Comparator.comparingInt(key -> distance(key.toLowerCase(Locale.ROOT),
                        name.toLowerCase(Locale.ROOT))))
                .filter(key -> distance(key.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))
                        <= Math.max(2, key.length() / 3));
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    // ---- parsing and validation ----

    private LifelineConfig resolve(Map<ConfigKey, RawValue> values) {
        Map<ConfigKey, String> sources = new EnumMap<>(ConfigKey.class);
        values.forEach((key, raw) -> sources.put(key, raw.source()));

        String host = parse(values, ConfigKey.HOST, text -> {
            if (text.isBlank() || text.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("must be a host name or IP address without spaces");
            }
            return text.strip();
        });
        int port = parse(values, ConfigKey.PORT, text -> text.strip().equalsIgnoreCase(AUTO) ? freePort(host)
                : integerOrAuto(text));
        Path backendDir = parse(values, ConfigKey.BACKEND_DIR, this::backendDirectory);
        Optional<Path> python = values.get(ConfigKey.PYTHON).source().equals("default")
                ? Optional.empty()
                : Optional.of(parse(values, ConfigKey.PYTHON, this::interpreter));
        int attempts = parse(values, ConfigKey.MAX_RETRIES,
                text -> integer(text, 1, RetryPolicy.MAX_ALLOWED_ATTEMPTS));
        Duration retryDelay = parse(values, ConfigKey.RETRY_DELAY, DurationParser::parse);
        Duration retryMaxDelay = parse(values, ConfigKey.RETRY_MAX_DELAY, DurationParser::parse);
        double jitter = parse(values, ConfigKey.RETRY_JITTER, text -> fraction(text));
        Duration startupTimeout = parse(values, ConfigKey.STARTUP_TIMEOUT, DurationParser::parse);
        Duration healthTimeout = parse(values, ConfigKey.HEALTH_TIMEOUT, DurationParser::parse);
        Duration probeInterval = parse(values, ConfigKey.PROBE_INTERVAL, DurationParser::parse);
        boolean acceptDegraded = parse(values, ConfigKey.ACCEPT_DEGRADED, ConfigLoader::bool);
        Optional<String> expectedService = expectedService(values);
        Duration stopGrace = parse(values, ConfigKey.STOP_GRACE, DurationParser::parse);
        Path logDir = parse(values, ConfigKey.LOG_DIR, text -> workingDirectory.resolve(expandHome(text)).normalize());
        Path runDir = parse(values, ConfigKey.RUN_DIR, text -> workingDirectory.resolve(expandHome(text)).normalize());
        RestartPolicy.Mode restartMode = parse(values, ConfigKey.RESTART, ConfigLoader::restartMode);
        Duration restartDelay = parse(values, ConfigKey.RESTART_DELAY, DurationParser::parse);
        Duration restartMaxDelay = parse(values, ConfigKey.RESTART_MAX_DELAY, DurationParser::parse);
        int maxRestarts = parse(values, ConfigKey.MAX_RESTARTS, text -> integer(text, 1, 1000));
        Duration restartWindow = parse(values, ConfigKey.RESTART_WINDOW, DurationParser::parse);
        Duration stableAfter = parse(values, ConfigKey.STABLE_AFTER, DurationParser::parse);
        Duration livenessInterval = parse(values, ConfigKey.LIVENESS_INTERVAL, DurationParser::parse);
        int livenessThreshold = parse(values, ConfigKey.LIVENESS_THRESHOLD, text -> integer(text, 1, 100));

        requireNotLonger(values, ConfigKey.PROBE_INTERVAL, probeInterval, ConfigKey.STARTUP_TIMEOUT, startupTimeout);
        if (!sources.get(ConfigKey.RETRY_MAX_DELAY).equals("default")) {
            requireNotLonger(values, ConfigKey.RETRY_DELAY, retryDelay, ConfigKey.RETRY_MAX_DELAY, retryMaxDelay);
        }
        if (!sources.get(ConfigKey.RESTART_MAX_DELAY).equals("default")) {
            requireNotLonger(values, ConfigKey.RESTART_DELAY, restartDelay, ConfigKey.RESTART_MAX_DELAY,
                    restartMaxDelay);
        }
        try {
            BackendSpec backend = python.map(BundledBackend.in(backendDir)::withInterpreter)
                    .orElse(BundledBackend.in(backendDir));
            // The default cap follows a retry delay set above it; a cap set by the user is checked as given.
            boolean defaultCap = sources.get(ConfigKey.RETRY_MAX_DELAY).equals("default");
            Duration cap = defaultCap && retryMaxDelay.compareTo(retryDelay) < 0 ? retryDelay : retryMaxDelay;
            RetryPolicy retry = new RetryPolicy(attempts, retryDelay, RetryPolicy.DEFAULT_MULTIPLIER, cap, jitter);
            TimeoutPolicy timeouts = new TimeoutPolicy(healthTimeout, startupTimeout, probeInterval);
            HealthAcceptance acceptance = new HealthAcceptance(HealthAcceptance.DEFAULT_REQUIRED_SERVICES,
                    acceptDegraded, expectedService);
            boolean defaultRestartCap = sources.get(ConfigKey.RESTART_MAX_DELAY).equals("default");
            Duration restartCap = defaultRestartCap && restartMaxDelay.compareTo(restartDelay) < 0
                    ? restartDelay : restartMaxDelay;
            SupervisionPolicy supervision = new SupervisionPolicy(
                    new LivenessPolicy(true, livenessInterval, livenessThreshold),
                    new RestartPolicy(restartMode, restartDelay, RestartPolicy.DEFAULT_MULTIPLIER, restartCap, jitter,
                            maxRestarts, restartWindow, stableAfter));
            StartBackendCommand command = new StartBackendCommand(backend, new Endpoint(host, port), retry, timeouts,
                    acceptance, stopGrace, supervision, LaunchMode.ATTACHED);
            Map<ConfigKey, String> effective = new EnumMap<>(ConfigKey.class);
            values.forEach((key, raw) -> effective.put(key, raw.text()));
            effective.put(ConfigKey.PORT, values.get(ConfigKey.PORT).text().strip().equalsIgnoreCase(AUTO)
                    ? port + " (auto)" : Integer.toString(port));
            effective.put(ConfigKey.BACKEND_DIR, backendDir.toString());
            effective.put(ConfigKey.LOG_DIR, logDir.toString());
            effective.put(ConfigKey.RUN_DIR, runDir.toString());
            effective.put(ConfigKey.PYTHON, python.map(Path::toString).orElse("discovered"));
            effective.put(ConfigKey.EXPECTED_SERVICE, expectedService.orElse("any"));
            return new LifelineConfig(command, logDir, runDir, effective, sources);
        } catch (IllegalArgumentException inconsistent) {
            throw new ConfigException("invalid configuration: " + inconsistent.getMessage());
        }
    }

    /** Only the bundled backend's name is known by default; any other backend is checked when the user names it. */
    private static Optional<String> expectedService(Map<ConfigKey, RawValue> values) {
        if (values.get(ConfigKey.EXPECTED_SERVICE).source().equals("default")) {
            boolean bundled = values.get(ConfigKey.BACKEND_DIR).source().equals("default");
            return bundled ? Optional.of(BUNDLED_SERVICE) : Optional.empty();
        }
        return Optional.of(parse(values, ConfigKey.EXPECTED_SERVICE, text -> {
            if (text.isBlank() || text.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("must be a name without spaces");
            }
            return text.strip();
        }));
    }

    private static void requireNotLonger(Map<ConfigKey, RawValue> values, ConfigKey shorter, Duration shortValue,
                                         ConfigKey longer, Duration longValue) {
        if (shortValue.compareTo(longValue) > 0) {
            RawValue a = values.get(shorter);
            RawValue b = values.get(longer);
            throw new ConfigException(shorter.key() + " " + a.text() + " (from " + a.source() + ") must not be longer"
                    + " than " + longer.key() + " " + b.text() + " (from " + b.source() + ")");
        }
    }

    private static <T> T parse(Map<ConfigKey, RawValue> values, ConfigKey key, Function<String, T> parser) {
        RawValue raw = values.get(key);
        try {
            return parser.apply(raw.text());
        } catch (IllegalArgumentException invalid) {
            throw new ConfigException("invalid " + key.key() + " '" + raw.text() + "' (from " + raw.source() + "): "
                    + invalid.getMessage());
        }
    }

    /** A bare command name ({@code python3.12}) is looked up on PATH at launch; anything else is a path. */
    private Path interpreter(String text) {
        String value = expandHome(text);
        if (value.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        boolean bareCommand = !value.contains("/") && !value.contains(java.io.File.separator)
                && !value.startsWith(".");
        return bareCommand ? Path.of(value) : workingDirectory.resolve(value).normalize();
    }

    private Path backendDirectory(String text) {
        boolean bundled = text.equals(ConfigKey.BACKEND_DIR.defaultValue());
        Path dir = (bundled ? lifelineHome.resolve("fixture-backend") : workingDirectory.resolve(expandHome(text)))
                .toAbsolutePath().normalize();
        if (bundled && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the bundled backend folder " + dir + " does not exist (is this a"
                    + " complete checkout?); point --backend-dir at your backend");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("folder " + dir + " does not exist");
        }
        return dir;
    }

    private String expandHome(String text) {
        String value = text.strip();
        if (value.equals("~") || value.startsWith("~/")) {
            return userHome + value.substring(1);
        }
        return value;
    }

    /** {@code port: auto}: a loopback port that is free now, found by binding to port 0. */
    private static int freePort(String host) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (java.io.IOException failed) {
            throw new IllegalArgumentException("no free port could be found on " + host + ": " + failed.getMessage());
        }
    }

    private static int integerOrAuto(String text) {
        try {
            return integer(text, 1, 65_535);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException(invalid.getMessage() + ", or auto");
        }
    }

    private static int integer(String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException("must be a whole number between " + min + " and " + max);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max);
        }
        return value;
    }

    private static double fraction(String text) {
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException("must be a number between 0 and 1");
        }
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("must be between 0 and 1");
        }
        return value;
    }

    private static RestartPolicy.Mode restartMode(String text) {
        for (RestartPolicy.Mode mode : RestartPolicy.Mode.values()) {
            if (mode.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("must be on-failure, always or never");
    }

    private static boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

}
