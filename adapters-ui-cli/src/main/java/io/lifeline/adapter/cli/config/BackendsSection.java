package io.lifeline.adapter.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a config file's {@code backends:} mapping: a name (letters, digits, {@code -}, {@code _}) to that backend's
 * settings and its {@code dependsOn}. A backend's settings are the keys a file's top level takes, but for the ones of
 * the app as a whole ({@link Setting#ofTheApp()}), which a backend cannot set for itself.
 */
final class BackendsSection {

    static final String KEY = "backends";
    static final String DEPENDS_ON = "dependsOn";

    private final Path file;
    private final ObjectMapper mapper;
    private final ValueReader values;

    /** Turns one setting's node into its raw text, as at the top level. */
    @FunctionalInterface
    interface ValueReader {
        String text(Setting<?> setting, String name, String where, JsonNode node);
    }

    BackendsSection(Path file, ObjectMapper mapper, ValueReader values) {
        this.file = file;
        this.mapper = mapper;
        this.values = values;
    }

    /** With the parser on the value of {@code backends:}; leaves it on that value's end. */
    List<BackendEntry> read(JsonParser parser, int keyLine) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new ConfigException(where(keyLine) + ": backends must be a mapping from a backend's name to its"
                    + " settings, e.g. backends: {api: {port: 8000}}");
        }
        List<BackendEntry> entries = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int line = line(parser.currentTokenLocation());
            BackendName backend;
            try {
                backend = new BackendName(name);
            } catch (IllegalArgumentException invalid) {
                throw new ConfigException(where(line) + ": " + invalid.getMessage());
            }
            if (!seen.add(name)) {
                throw new ConfigException(where(line) + ": backend " + name + " is named twice");
            }
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ConfigException(where(line) + ": backend " + name + " must be a mapping of its settings,"
                        + " e.g. " + name + ": {command: \"python app.py\"}");
            }
            entries.add(entry(parser, backend, line));
        }
        if (entries.isEmpty()) {
            throw new ConfigException(where(keyLine) + ": backends names no backend; remove it, or name one");
        }
        return entries;
    }

    private BackendEntry entry(JsonParser parser, BackendName backend, int line) throws IOException {
        Map<Setting<?>, ConfigLoader.RawValue> settings = new LinkedHashMap<>();
        List<Dependency> dependsOn = List.of();
        Origin dependsOnOrigin = origin(line);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line(parser.currentTokenLocation());
            parser.nextToken();
            if (key.equals(DEPENDS_ON)) {
                dependsOn = dependsOn(parser, backend, keyLine);
                dependsOnOrigin = origin(keyLine);
                continue;
            }
            JsonNode node = mapper.readTree(parser);
            Optional<Setting<?>> current = Settings.byKey(key);
            Setting<?> setting = current.or(() -> Settings.byFormerKey(key)).orElseThrow(() -> new ConfigException(
                    "unknown key '" + key
                    + "' in backend " + backend + " at " + where(keyLine) + ConfigLoader.closest(key)
                    .map(suggestion -> " - did you mean '" + suggestion + "'?").orElse("")));
            if (setting.ofTheApp()) {
                throw new ConfigException(key + " in backend " + backend + " at " + where(keyLine) + " is a setting"
                        + " of the whole app: write it at the top level of the file");
            }
            if (node == null || node.isNull()) {
                throw new ConfigException("key '" + key + "' in " + where(keyLine) + " has no value");
            }
            ConfigLoader.RawValue other = settings.put(setting, new ConfigLoader.RawValue(values.text(setting, key,
                    where(keyLine), node), current.isPresent() ? origin(keyLine) : origin(keyLine).underFormerName()));
            if (other != null) {
                throw new ConfigException("keys " + setting.keyAsGiven(other.origin()) + " (" + other.origin()
                        + ") and " + key + " (" + where(keyLine) + ") in backend " + backend + " are the same setting, "
                        + setting.key() + ": keep only " + setting.key());
            }
        }
        return new BackendEntry(backend, origin(line), settings, dependsOn, dependsOnOrigin);
    }

    /** {@code dependsOn: {db: healthy, migrate: {condition: completed, timeout: 20s, restartWith: true}}} */
    private List<Dependency> dependsOn(JsonParser parser, BackendName backend, int line) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new ConfigException("dependsOn of " + backend + " at " + where(line) + " must be a mapping from"
                    + " a backend's name to a condition, e.g. dependsOn: {db: healthy}");
        }
        List<Dependency> dependencies = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int at = line(parser.currentTokenLocation());
            parser.nextToken();
            JsonNode node = mapper.readTree(parser);
            BackendName on;
            try {
                on = new BackendName(name);
            } catch (IllegalArgumentException invalid) {
                throw new ConfigException(where(at) + ": dependsOn of " + backend + ": " + invalid.getMessage());
            }
            if (dependencies.stream().anyMatch(dependency -> dependency.on().equals(on))) {
                throw new ConfigException(where(at) + ": dependsOn of " + backend + " names " + on + " twice");
            }
            dependencies.add(dependency(backend, on, node, at));
        }
        return dependencies;
    }

    private Dependency dependency(BackendName backend, BackendName on, JsonNode node, int at) {
        String context = "dependsOn " + on + " of " + backend + " at " + where(at);
        if (node != null && node.isTextual()) {
            return Dependency.on(on, condition(node.asText(), context));
        }
        if (node == null || !node.isObject()) {
            throw new ConfigException(context + " must be a condition (" + DependencyCondition.words()
                    + ") or a mapping {condition: healthy, timeout: 20s, restartWith: true}");
        }
        DependencyCondition condition = DependencyCondition.HEALTHY;
        Optional<Duration> timeout = Optional.empty();
        boolean restartWith = false;
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "condition" -> condition = condition(value.asText(), context);
                case "timeout" -> {
                    try {
                        timeout = Optional.of(ValueTypes.DURATION.parse(value.asText(), null));
                    } catch (IllegalArgumentException invalid) {
                        throw new ConfigException(context + ": invalid timeout '" + value.asText() + "': "
                                + invalid.getMessage());
                    }
                }
                case "restartWith" -> {
                    if (!value.isBoolean()) {
                        throw new ConfigException(context + ": restartWith must be true or false");
                    }
                    restartWith = value.asBoolean();
                }
                default -> throw new ConfigException(context + ": unknown key '" + field.getKey()
                        + "' (known: condition, timeout, restartWith)");
            }
        }
        return new Dependency(on, condition, timeout, restartWith);
    }

    private static DependencyCondition condition(String word, String context) {
        return DependencyCondition.byWord(word).orElseThrow(() -> new ConfigException(context
                + ": unknown condition '" + word + "' (known: " + DependencyCondition.words() + ")"));
    }

    private String where(int line) {
        return file.getFileName() + ":" + line;
    }

    private Origin origin(int line) {
        return Origin.file(file.getFileName().toString(), line);
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }
}
