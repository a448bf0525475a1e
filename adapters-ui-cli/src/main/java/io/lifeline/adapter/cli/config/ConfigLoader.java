package io.lifeline.adapter.cli.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;
import io.lifeline.domain.model.Backoff;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.model.LivenessPolicy;
import io.lifeline.domain.model.Readiness;
import io.lifeline.domain.model.RestartPolicy;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.SupervisionPolicy;
import io.lifeline.domain.model.TimeoutPolicy;
import io.lifeline.domain.port.in.AppPlan;
import io.lifeline.domain.port.in.InvalidAppPlan;
import io.lifeline.domain.port.in.StartBackendCommand;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds the effective configuration from four layers, later ones winning: built-in defaults (the seed's config.js
 * values) &lt; config file ({@code --config FILE}, else {@code lifeline.yaml} in the working directory) &lt;
 * environment ({@code BACKEND_PORT}, {@code BACKEND_HOST}) &lt; command-line flags. Every problem is one
 * {@link ConfigException} line that names the key, the value and where it came from.
 *
 * <p>Each value is parsed and checked by its {@link Setting}; the rules that tie settings together live here, and only
 * here:
 * <ul>
 *   <li>{@code port: auto} picks a port that is free on {@code host};</li>
 *   <li>the bundled backend's service name is expected unless {@code backendDir} or {@code expectedService} is set;</li>
 *   <li>{@code probeInterval} must not be longer than {@code startupTimeout};</li>
 *   <li><b>the cap follows the delay</b>: when {@code retryDelay} (or {@code restartDelay}) is set above the default
 *   cap and the cap itself is not set, the cap is raised to the delay, so "wait 90 s between attempts" just works;
 *   a cap the user sets is checked as given and a delay above it is an error. The domain's {@link Backoff} never
 *   adjusts values: it rejects a cap below the delay.</li>
 * </ul>
 */
public final class ConfigLoader {

    public static final String DEFAULT_FILE_NAME = "lifeline.yaml";

    private final Folders folders;
    private final Map<String, String> environment;

    /**
     * @param lifelineHome where Lifeline is installed; the bundled backend is its {@code fixture-backend} folder
     */
    public ConfigLoader(Path workingDirectory, Map<String, String> environment, Path lifelineHome, Path userHome) {
        this.folders = new Folders(workingDirectory, userHome, lifelineHome);
        this.environment = Map.copyOf(environment);
    }

    /** The folders relative paths and {@code ~} are resolved against, and where Lifeline is installed. */
    public Folders folders() {
        return folders;
    }

    /** A value as given, before parsing, and where it came from; a default's text is its documented form. */
    record RawValue(String text, Origin origin) {
        /** Never the text: for an {@code env} mapping it holds the values, which may be secrets. */
        @Override
        public String toString() {
            return "RawValue[" + text.length() + " characters, origin=" + origin + "]";
        }
    }

    /**
     * @param configFile the {@code --config} flag, if given
     * @param flags      values given as flags, by key
     */
    public LifelineConfig load(Optional<Path> configFile, Map<Setting<?>, String> flags) {
        return load(configFile, flags, Use.LAUNCH);
    }

    /** What a command does with the configuration: settings only a launch needs are required only for one. */
    public enum Use {
        /** Start (or check what a start needs): the command's readiness must be complete. */
        LAUNCH,
        /** Only ask a running backend ({@code status}, {@code wait}, {@code stop}). */
        PROBE_ONLY
    }

    /**
     * As {@link #load(Optional, Map)}, for a command that uses the configuration as {@code use} says, and for one
     * backend: a config with several backends is refused with the names to choose from.
     */
    public LifelineConfig load(Optional<Path> configFile, Map<Setting<?>, String> flags, Use use) {
        return single(loadApp(configFile, flags, use));
    }

    /**
     * As {@link #load(Optional, Map, Use)}, for flags by the name they were given under: a setting's former flag
     * (e.g. {@code --max-retries}) sets it as its flag does, and {@code lifeline config} notes it.
     *
     * @param flags the value of each flag given, by the flag's name
     */
    public LifelineConfig loadGivenFlags(Optional<Path> configFile, Map<String, String> flags, Use use) {
        return single(loadAppGivenFlags(configFile, flags, use));
    }

    private static LifelineConfig single(AppConfig app) {
        if (app.backends().size() > 1) {
            throw new ConfigException("this config has several backends (" + String.join(", ", app.plan().names()
                    .stream().map(name -> name.value()).toList()) + "); name one with --backend NAME");
        }
        return app.backends().get(0);
    }

    /** The app the layers add up to ({@link #loadAppLayers}), with flags by their setting. */
    public AppConfig loadApp(Optional<Path> configFile, Map<Setting<?>, String> flags, Use use) {
        Map<Setting<?>, RawValue> given = new LinkedHashMap<>();
        flags.forEach((setting, text) -> given.put(setting,
                new RawValue(text, Origin.flag(setting.flag().orElse(setting.key())))));
        return loadAppLayers(configFile, given, use);
    }

    /** The app the layers add up to ({@link #loadAppLayers}), with flags by the name they were given under. */
    public AppConfig loadAppGivenFlags(Optional<Path> configFile, Map<String, String> flags, Use use) {
        Map<Setting<?>, RawValue> given = new LinkedHashMap<>();
        Map<Setting<?>, String> names = new LinkedHashMap<>();
        flags.forEach((flag, text) -> {
            Setting<?> setting = Settings.byFlag(flag)
                    .orElseThrow(() -> new IllegalArgumentException("no setting has the flag " + flag));
            Origin origin = setting.flag().filter(flag::equals).isPresent() ? Origin.flag(flag)
                    : Origin.flag(flag).underFormerName();
            String other = names.put(setting, flag);
            if (other != null) {
                throw new ConfigException("flags " + other + " and " + flag + " both set " + setting.key() + " ("
                        + setting.formerFlag().orElse(flag) + " is its old name): give only "
                        + setting.flag().orElse(flag));
            }
            given.put(setting, new RawValue(text, origin));
        });
        return loadAppLayers(configFile, given, use);
    }

    /**
     * The app the layers add up to: each backend of the file's {@code backends:} (or the one backend of a file
     * without it) resolved from the defaults, the file's top level, the environment and the flags, with its own entry
     * on top; then checked as a whole (names, cycles, ports).
     */
    private AppConfig loadAppLayers(Optional<Path> configFile, Map<Setting<?>, RawValue> flags, Use use) {
        Map<Setting<?>, RawValue> values = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            values.put(setting, new RawValue(setting.defaultText(), Origin.DEFAULT));
        }
        FileLayer file = fileLayer(configFile);
        values.putAll(file.defaults());
        for (Setting<?> setting : Settings.ALL) {
            setting.environmentVariable()
                    .filter(variable -> environment.containsKey(variable) && !environment.get(variable).isBlank())
                    .ifPresent(variable -> values.put(setting,
                            new RawValue(environment.get(variable), Origin.env(variable))));
        }
        values.putAll(flags);
        if (file.backends().isEmpty()) {
            LifelineConfig single = resolve(values, use);
            return new AppConfig(List.of(single), new AppPlan(List.of(single.command())), false, file.file());
        }
        List<LifelineConfig> backends = new ArrayList<>();
        for (BackendEntry entry : file.backends()) {
            Map<Setting<?>, RawValue> own = new LinkedHashMap<>(values);
            own.putAll(entry.values());
            LifelineConfig config;
            try {
                config = resolve(own, use);
            } catch (ConfigException invalid) {
                throw new ConfigException("backend " + entry.name() + " (" + entry.origin() + "): "
                        + invalid.getMessage());
            }
            try {
                backends.add(config.withCommand(config.command().named(entry.name(), entry.dependsOn())));
            } catch (IllegalArgumentException invalid) {
                throw new ConfigException(entry.dependsOnOrigin() + ": " + invalid.getMessage());
            }
        }
        backends = ownPortsForWhatUsesNone(backends, file);
        try {
            AppPlan plan = new AppPlan(backends.stream().map(LifelineConfig::command).toList());
            List<LifelineConfig> planned = backends.stream()
                    .map(config -> config.withCommand(plan.backend(config.name()))).toList();
            return new AppConfig(planned, plan, true, file.file());
        } catch (InvalidAppPlan invalid) {
            BackendEntry entry = file.backends().stream().filter(backend -> backend.name().equals(invalid.backend()))
                    .findFirst().orElseThrow();
            Origin where = invalid.part() == InvalidAppPlan.Part.DEPENDS_ON ? entry.dependsOnOrigin() : entry.origin();
            throw new ConfigException(where + ": " + invalid.getMessage());
        } catch (IllegalArgumentException inconsistent) {
            throw new ConfigException("invalid configuration: " + inconsistent.getMessage());
        }
    }

    /**
     * A backend reached by no port (a job, a worker ready by its output without {@code {port}}) whose own entry gives
     * it no port still has one: its launch record and a detached backend's output file are named by it, and a worker
     * gets it as {@code BACKEND_PORT}. Inherited from the top level, the environment or a flag, it would share that
     * port (and its record) with another backend. Each gets one of its own instead, the same at every load of the file
     * ({@code status} and {@code stop} find its record): derived from the file and the backend's name, in the dynamic
     * range, and never one another backend of the app names for itself.
     */
    private static List<LifelineConfig> ownPortsForWhatUsesNone(List<LifelineConfig> backends, FileLayer file) {
        Set<BackendName> jobs = file.backends().stream().flatMap(entry -> entry.dependsOn().stream())
                .filter(dependency -> dependency.condition() == DependencyCondition.COMPLETED)
                .map(Dependency::on).collect(Collectors.toSet());
        Set<BackendName> ownPort = file.backends().stream()
                .filter(entry -> entry.values().containsKey(Settings.PORT)).map(BackendEntry::name)
                .collect(Collectors.toSet());
        java.util.function.Predicate<LifelineConfig> derived = config -> !ownPort.contains(config.name())
                && (jobs.contains(config.name()) || !config.backend().readiness().probes()
                && config.backend().command().stream().noneMatch(word -> word.contains("{port}")));
        Set<Integer> taken = new java.util.HashSet<>();
        backends.stream().filter(derived.negate()).forEach(config -> taken.add(config.endpoint().port()));
        List<LifelineConfig> owned = new ArrayList<>();
        for (LifelineConfig config : backends) {
            if (!derived.test(config)) {
                owned.add(config);
                continue;
            }
            String seed = file.file().map(Path::toString).orElse("") + "#" + config.name();
            int port = RECORD_PORTS_FROM + Math.floorMod(seed.hashCode(), RECORD_PORTS);
            while (!taken.add(port)) {
                port = RECORD_PORTS_FROM + Math.floorMod(port + 1 - RECORD_PORTS_FROM, RECORD_PORTS);
            }
            owned.add(config.withPort(new Endpoint(config.endpoint().host(), port), Integer.toString(port),
                    Origin.RECORD_PORT));
        }
        return owned;
    }

    /** The dynamic port range (RFC 6335), where a backend that uses no port gets the number its record is named by. */
    private static final int RECORD_PORTS_FROM = 49_152;
    private static final int RECORD_PORTS = 65_536 - RECORD_PORTS_FROM;

    /** A config file's values: its top-level keys, defaults for every backend, and its {@code backends:}. */
    record FileLayer(Map<Setting<?>, RawValue> defaults, List<BackendEntry> backends, Optional<Path> file) {
        static final FileLayer EMPTY = new FileLayer(Map.of(), List.of(), Optional.empty());
    }

    // ---- the file layer ----

    private FileLayer fileLayer(Optional<Path> explicit) {
        Path file;
        if (explicit.isPresent()) {
            file = folders.workingDirectory().resolve(explicit.get());
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file " + file + " (from flag --config) does not exist or is not a file");
            }
        } else {
            file = folders.workingDirectory().resolve(DEFAULT_FILE_NAME);
            if (!Files.exists(file)) {
                return FileLayer.EMPTY;
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

    FileLayer parseFile(Path file, String content) {
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        ObjectMapper mapper = new ObjectMapper(factory);
        Map<Setting<?>, RawValue> values = new LinkedHashMap<>();
        List<BackendEntry> backends = List.of();
        try (JsonParser parser = mapper.createParser(content)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return FileLayer.EMPTY;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(file + ":" + line(parser.currentTokenLocation())
                        + ": the config file must be a mapping of keys to values, e.g. 'port: 8000'");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int line = line(parser.currentTokenLocation());
                parser.nextToken();
                if (name.equals(BackendsSection.KEY)) {
                    backends = new BackendsSection(file, mapper, ConfigLoader::text).read(parser, line);
                    continue;
                }
                if (name.equals(BackendsSection.DEPENDS_ON)) {
                    throw new ConfigException("dependsOn in " + file.getFileName() + ":" + line + " belongs to a"
                            + " backend: write it in that backend's entry under backends:");
                }
                JsonNode node = mapper.readTree(parser);
                Optional<Setting<?>> current = Settings.byKey(name);
                Setting<?> key = current.or(() -> Settings.byFormerKey(name))
                        .orElseThrow(() -> unknownKey(file, line, name));
                String where = file.getFileName() + ":" + line;
                if (node == null || node.isNull()) {
                    throw new ConfigException("key '" + name + "' in " + where + " has no value");
                }
                Origin origin = Origin.file(file.getFileName().toString(), line);
                RawValue other = values.put(key, new RawValue(text(key, name, where, node),
                        current.isPresent() ? origin : origin.underFormerName()));
                if (other != null && other.origin().formerName() != current.isEmpty()) {
                    throw new ConfigException("keys " + key.keyAsGiven(other.origin()) + " (" + other.origin()
                            + ") and " + name + " (" + where + ") are the same setting, " + key.key() + " ("
                            + key.formerKey().orElse(name) + " is its old name): keep only " + key.key());
                }
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
        return new FileLayer(values, backends, Optional.of(file.toAbsolutePath().normalize()));
    }

    private static ConfigException unknownKey(Path file, int line, String name) {
        String known = Settings.ALL.stream().map(Setting::key).collect(Collectors.joining(", "));
        String hint = closest(name).map(suggestion -> " - did you mean '" + suggestion + "'?")
                .orElse(" (known keys: " + known + ")");
        return new ConfigException("unknown key '" + name + "' in " + file.getFileName() + ":" + line + hint);
    }

    /** The key closest to a mistyped one; near a former key, the key it has now. */
    static Optional<String> closest(String name) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            keys.put(setting.key(), setting.key());
            setting.formerKey().ifPresent(former -> keys.put(former, setting.key()));
        }
        return keys.keySet().stream()
                .min(Comparator.comparingInt(key -> distance(key.toLowerCase(Locale.ROOT),
                        name.toLowerCase(Locale.ROOT))))
                .filter(key -> distance(key.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))
                        <= Math.max(2, key.length() / 3))
                .map(keys::get);
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

    /** Each setting takes the shape its type names: a single value, a list, words or a mapping. */
    private static String text(Setting<?> key, String name, String where, JsonNode node) {
        ValueType.FileForm form = key.type().fileForm();
        if (form == ValueType.FileForm.MAPPING) {
            if (!node.isObject()) {
                throw new ConfigException("key '" + name + "' in " + where + " must be a mapping, e.g. " + name
                        + ": {APP_MODE: demo}");
            }
            return node.toString();
        }
        if (form == ValueType.FileForm.WORDS && node.isArray()) {
            return node.toString();
        }
        if (form == ValueType.FileForm.LIST) {
            if (!node.isArray()) {
                throw new ConfigException("key '" + name + "' in " + where + " must be a list, e.g. " + name
                        + ": [cache, database] (or [] for none)");
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new ConfigException("key '" + name + "' in " + where + " must be a list of names");
                }
                items.add(item.asText());
            }
            return String.join(",", items);
        }
        if (!node.isValueNode()) {
            throw new ConfigException("key '" + name + "' in " + where + " must be a single value, not a "
                    + (node.isArray() ? "list" : "mapping"));
        }
        return node.asText();
    }

    // ---- parsing, and the rules between settings ----

    private LifelineConfig resolve(Map<Setting<?>, RawValue> raw, Use use) {
        Map<Setting<?>, Object> parsed = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            parsed.put(setting, parse(setting, raw.get(setting)));
        }
        Values values = new Values(parsed, raw);

        String host = values.get(Settings.HOST);
        PortChoice portChoice = values.get(Settings.PORT);
        int port = portChoice.auto() ? values.check(Settings.PORT, () -> LocalPorts.freePort(host))
                : portChoice.number();
        Path backendDir = values.get(Settings.BACKEND_DIR);
        boolean bundled = values.isDefault(Settings.COMMAND);
        Optional<String> expectedService = values.isDefault(Settings.EXPECTED_SERVICE)
                // Only the bundled backend's name is known by default; another backend is checked once it is named.
                ? bundled && values.isDefault(Settings.BACKEND_DIR) ? Optional.of(Settings.BUNDLED_SERVICE)
                : Optional.empty()
                : values.get(Settings.EXPECTED_SERVICE);
        Duration startupTimeout = values.get(Settings.STARTUP_TIMEOUT);
        Duration probeInterval = values.get(Settings.PROBE_INTERVAL);
        values.requireNotLonger(Settings.PROBE_INTERVAL, Settings.STARTUP_TIMEOUT);
        Duration retryCap = values.capFollowingTheDelay(Settings.RETRY_DELAY, Settings.RETRY_MAX_DELAY);
        Duration restartCap = values.capFollowingTheDelay(Settings.RESTART_DELAY, Settings.RESTART_MAX_DELAY);
        double jitter = values.get(Settings.RETRY_JITTER);
        HealthContract health = values.get(Settings.HEALTH);
        // The default services are the lifeline contract's; another contract names its own, or none.
        List<String> requiredServices = values.isDefault(Settings.REQUIRED_SERVICES)
                && health != HealthContract.LIFELINE ? List.of() : values.get(Settings.REQUIRED_SERVICES);
        if (!requiredServices.isEmpty() && !health.hasServices()) {
            throw new ConfigException("requiredServices (from " + values.origin(Settings.REQUIRED_SERVICES)
                    + ") needs a health contract that reports services (" + HealthContract.withServices()
                    + "), but health is "
                    + health.label() + " (from " + values.origin(Settings.HEALTH) + ")");
        }
        Readiness readiness = readiness(values, health, use);
        Path logDir = values.get(Settings.LOG_DIR);
        Path runDir = values.get(Settings.RUN_DIR);
        try {
            BackendSpec backend = backend(values, bundled, backendDir).withReadiness(readiness)
                    .withExpectedVersion(values.get(Settings.EXPECTED_VERSION));
            RetryPolicy retry = new RetryPolicy(values.get(Settings.MAX_ATTEMPTS), values.get(Settings.RETRY_DELAY),
                    RetryPolicy.DEFAULT_MULTIPLIER, retryCap, jitter);
            TimeoutPolicy timeouts = new TimeoutPolicy(values.get(Settings.HEALTH_TIMEOUT), startupTimeout,
                    probeInterval);
            HealthAcceptance acceptance = new HealthAcceptance(Set.copyOf(requiredServices),
                    values.get(Settings.ACCEPT_DEGRADED), expectedService);
            SupervisionPolicy supervision = new SupervisionPolicy(
                    new LivenessPolicy(readiness.probes(), values.get(Settings.LIVENESS_INTERVAL),
                            values.get(Settings.LIVENESS_THRESHOLD)),
                    new RestartPolicy(values.get(Settings.RESTART), values.get(Settings.RESTART_DELAY),
                            RestartPolicy.DEFAULT_MULTIPLIER, restartCap, jitter, values.get(Settings.MAX_RESTARTS),
                            values.get(Settings.RESTART_WINDOW), values.get(Settings.STABLE_AFTER)));
            StartBackendCommand command = new StartBackendCommand(backend, new Endpoint(host, port), retry, timeouts,
                    acceptance, values.get(Settings.STOP_GRACE), supervision, LaunchMode.ATTACHED,
                    values.get(Settings.ATTACH));
            Map<Setting<?>, LifelineConfig.Resolved<?>> resolved = new LinkedHashMap<>();
            for (Setting<?> setting : Settings.ALL) {
                resolved.put(setting, values.resolved(setting));
            }
            resolved.put(Settings.PORT, new LifelineConfig.Resolved<>(portChoice,
                    portChoice.auto() ? port + " (auto)" : Integer.toString(port), values.origin(Settings.PORT)));
            resolved.put(Settings.WORKING_DIR, new LifelineConfig.Resolved<>(backend.directory(),
                    backend.directory().toString(), values.origin(Settings.WORKING_DIR)));
            resolved.put(Settings.REQUIRED_SERVICES, new LifelineConfig.Resolved<>(requiredServices,
                    requiredServices.isEmpty() ? "none" : ValueTypes.NAMES.format(requiredServices),
                    values.origin(Settings.REQUIRED_SERVICES)));
            resolved.put(Settings.EXPECTED_SERVICE, new LifelineConfig.Resolved<>(expectedService,
                    ValueTypes.SERVICE_NAME.format(expectedService), values.origin(Settings.EXPECTED_SERVICE)));
            return new LifelineConfig(command, logDir, runDir, resolved);
        } catch (IllegalArgumentException inconsistent) {
            throw new ConfigException("invalid configuration: " + inconsistent.getMessage());
        }
    }

    /**
     * The command with what it needs: the bundled preset runs in backendDir and needs FastAPI and uvicorn; a command
     * runs in workingDir (by default backendDir when that is set, else the current directory); the python setting
     * only means something to a command that lets Lifeline find the interpreter.
     */
    private BackendSpec backend(Values values, boolean bundled, Path backendDir) {
        List<String> command = values.get(Settings.COMMAND);
        Path workingDir = !values.isDefault(Settings.WORKING_DIR) ? values.get(Settings.WORKING_DIR)
                : bundled || !values.isDefault(Settings.BACKEND_DIR) ? backendDir
                : values.get(Settings.WORKING_DIR);
        Optional<Path> python = values.get(Settings.PYTHON);
        if (python.isPresent() && !PythonCommand.findsInterpreter(command)) {
            throw new ConfigException("python (from " + values.origin(Settings.PYTHON) + ") only applies to a command"
                    + " that starts with " + PythonCommand.PLACEHOLDER + ", but command (from "
                    + values.origin(Settings.COMMAND) + ") runs " + command.get(0) + ": put the interpreter in the"
                    + " command instead");
        }
        return new BackendSpec(workingDir, command, bundled ? BundledBackend.REQUIRED_MODULES : List.of(), python,
                values.get(Settings.ENV), Readiness.PROBES);
    }

    /** What says "ready": health probes, the ready line, or the ready line confirmed by a probe. */
    private static Readiness readiness(Values values, HealthContract health, Use use) {
        Optional<Pattern> readyLine = values.get(Settings.READY_LINE);
        if (health == HealthContract.NONE && (use == Use.LAUNCH || readyLine.isPresent())) {
            return readyLine.map(Readiness::lineOnly).orElseThrow(() -> new ConfigException("health none (from "
                    + values.origin(Settings.HEALTH) + ") needs readyLine, the line of output that says the backend"
                    + " is ready, e.g. readyLine: 'Listening on'; or use health: tcp"));
        }
        return readyLine.map(Readiness::probedAfter).orElse(Readiness.PROBES);
    }

    private <T> T parse(Setting<T> setting, RawValue raw) {
        try {
            return raw.origin().isDefault() ? setting.defaultValue(folders) : setting.parse(raw.text(), folders);
        } catch (IllegalArgumentException invalid) {
            throw invalid(setting, raw, invalid);
        }
    }

    private static ConfigException invalid(Setting<?> setting, RawValue raw, IllegalArgumentException reason) {
        // A mapping may hold secrets: name the problem, never echo the values.
        String value = setting.type().fileForm() == ValueType.FileForm.MAPPING ? "" : " '" + raw.text() + "'";
        return new ConfigException("invalid " + setting.keyAsGiven(raw.origin()) + value + " (from " + raw.origin()
                + "): " + reason.getMessage());
    }

    /** The parsed values with their raw text and origin, typed by their setting. */
    private record Values(Map<Setting<?>, Object> parsed, Map<Setting<?>, RawValue> raw) {

        /** The settings it holds, never their values (an {@code env} mapping may hold secrets). */
        @Override
        public String toString() {
            return "Values" + raw.keySet().stream().map(Setting::key).toList();
        }

        @SuppressWarnings("unchecked") // parsed by Setting<T>.parse or defaultValue, so a T
        <T> T get(Setting<T> setting) {
            return (T) parsed.get(setting);
        }

        Origin origin(Setting<?> setting) {
            return raw.get(setting).origin();
        }

        boolean isDefault(Setting<?> setting) {
            return origin(setting).isDefault();
        }

        <T> LifelineConfig.Resolved<T> resolved(Setting<T> setting) {
            RawValue given = raw.get(setting);
            return new LifelineConfig.Resolved<>(get(setting), setting.shown(get(setting), given.text()),
                    given.origin());
        }

        /** A further check of one setting's value, reported against it like a parse error. */
        <T> T check(Setting<?> setting, Supplier<T> check) {
            try {
                return check.get();
            } catch (IllegalArgumentException invalid) {
                throw ConfigLoader.invalid(setting, raw.get(setting), invalid);
            }
        }

        void requireNotLonger(Setting<Duration> shorter, Setting<Duration> longer) {
            if (get(shorter).compareTo(get(longer)) > 0) {
                RawValue a = raw.get(shorter);
                RawValue b = raw.get(longer);
                throw new ConfigException(shorter.key() + " " + a.text() + " (from " + a.origin() + ") must not be"
                        + " longer than " + longer.key() + " " + b.text() + " (from " + b.origin() + ")");
            }
        }

        /** The one place of the rule: a cap left at its default follows a longer delay; a cap set is checked. */
        Duration capFollowingTheDelay(Setting<Duration> delay, Setting<Duration> cap) {
            if (isDefault(cap)) {
                return get(cap).compareTo(get(delay)) < 0 ? get(delay) : get(cap);
            }
            requireNotLonger(delay, cap);
            return get(cap);
        }
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }
}
