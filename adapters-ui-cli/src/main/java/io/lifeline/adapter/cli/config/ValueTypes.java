package io.lifeline.adapter.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeline.domain.model.AttachPolicy;
import io.lifeline.domain.model.CommandTemplate;
import io.lifeline.domain.model.RestartPolicy;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** The kinds of values settings have, each with its parser (and validation) and its written form. */
public final class ValueTypes {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public static final ValueType<Duration> DURATION = of(DurationParser::parse, DurationParser::format);

    public static final ValueType<Double> FRACTION = of(ValueTypes::fraction,
            value -> BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());

    public static final ValueType<Boolean> BOOLEAN = of(ValueTypes::bool, String::valueOf);

    public static final ValueType<RestartPolicy.Mode> RESTART_MODE = of(ValueTypes::restartMode,
            RestartPolicy.Mode::label);

    public static final ValueType<String> HOST = of(text -> name(text,
            "must be a host name or IP address without spaces"), Function.identity());

    public static final ValueType<Optional<String>> SERVICE_NAME = of(
            text -> Optional.of(name(text, "must be a name without spaces")), value -> value.orElse("any"));

    /** A container image reference, e.g. {@code ghcr.io/you/api:1.0}: no spaces, no control characters. */
    public static final ValueType<Optional<String>> IMAGE = of(
            text -> Optional.of(name(text, "must be an image reference without spaces, e.g. ghcr.io/you/api:1.0")),
            value -> value.orElse("none"));

    public static final ValueType<PortChoice> PORT = of(ValueTypes::port, PortChoice::toString);

    /** A folder that need not exist yet: {@code ~} expanded, relative to the working directory. */
    public static final ValueType<Path> FOLDER = withFolders((text, folders) -> folders.resolve(text),
            Path::toString);

    /** A folder that must exist. */
    public static final ValueType<Path> EXISTING_FOLDER = withFolders(ValueTypes::existingFolder,
            Path::toString);

    /** A bare command name ({@code python3.12}) is looked up on PATH at launch; anything else is a path. */
    public static final ValueType<Optional<Path>> INTERPRETER = withFolders(
            (text, folders) -> Optional.of(interpreter(text, folders)),
            value -> value.map(Path::toString).orElse("discovered"));

    public static final ValueType<AttachPolicy> ATTACH_POLICY = of(ValueTypes::attachPolicy,
            value -> value.name().toLowerCase(Locale.ROOT));

    public static final ValueType<HealthContract> HEALTH_CONTRACT = of(HealthContract::parse, HealthContract::label);

    /** A URL path on the backend, e.g. {@code /health} or {@code /actuator/health}. */
    public static final ValueType<String> URL_PATH = of(ValueTypes::urlPath, Function.identity());

    /** Names, comma-separated on the command line, a list in a config file; empty is none. */
    public static final ValueType<List<String>> NAMES = new ValueType<>() {
        @Override
        public List<String> parse(String text, Folders folders) {
            List<String> names = new ArrayList<>();
            for (String name : text.split(",", -1)) {
                if (name.isBlank() && text.isBlank()) {
                    continue;
                }
                names.add(name(name.strip(), "must be names without spaces, separated by commas"));
            }
            return List.copyOf(names);
        }

        @Override
        public String format(List<String> value) {
            return String.join(", ", value);
        }

        @Override
        public FileForm fileForm() {
            return FileForm.LIST;
        }
    };

    /**
     * A command: one string split into words like a shell would (never run by one), or a list of words. Placeholders
     * are checked here: {@code {port}}, {@code {host}}, {@code {correlationId}}, and {@code {python}} as the program.
     */
    public static final ValueType<List<String>> COMMAND = new ValueType<>() {
        @Override
        public List<String> parse(String text, Folders folders) {
            List<String> words = text.strip().startsWith("[") ? jsonWords(text) : CommandWords.split(text);
            if (words.isEmpty() || words.get(0).isBlank()) {
                throw new IllegalArgumentException("must name a program, e.g. uvicorn app.main:app --port {port}");
            }
            checkPlaceholders(words);
            return words;
        }

        @Override
        public String format(List<String> value) {
            return CommandWords.join(value);
        }

        @Override
        public FileForm fileForm() {
            return FileForm.WORDS;
        }
    };

    /** Variables for the backend: a mapping in a config file. A value whose name looks secret is never shown. */
    public static final ValueType<Map<String, String>> ENVIRONMENT = new ValueType<>() {
        @Override
        public Map<String, String> parse(String text, Folders folders) {
            Map<String, String> variables = new LinkedHashMap<>();
            try {
                JsonNode node = Json.MAPPER.readTree(text);
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException("must be a mapping of variable names to values");
                }
                node.fields().forEachRemaining(field -> {
                    if (!VARIABLE_NAME.matcher(field.getKey()).matches()) {
                        throw new IllegalArgumentException("'" + field.getKey() + "' is not a variable name"
                                + " (letters, digits and _, not starting with a digit)");
                    }
                    if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                        throw new IllegalArgumentException("the value of " + field.getKey() + " must be a single"
                                + " value (quote it to be sure it stays text)");
                    }
                    variables.put(field.getKey(), field.getValue().asText());
                });
            } catch (JsonProcessingException notJson) {
                throw new IllegalArgumentException("must be a mapping of variable names to values");
            }
            return Collections.unmodifiableMap(variables);
        }

        @Override
        public String format(Map<String, String> value) {
            if (value.isEmpty()) {
                return "none";
            }
            return value.entrySet().stream().map(entry -> entry.getKey() + "=" + Secrets.shown(entry.getKey(),
                    entry.getValue())).collect(Collectors.joining(", "));
        }

        @Override
        public FileForm fileForm() {
            return FileForm.MAPPING;
        }
    };

    /** A regular expression matched against each line of the backend's output. */
    public static final ValueType<Optional<Pattern>> READY_LINE = of(ValueTypes::readyLine,
            value -> value.map(Pattern::pattern).orElse("none"));

    private ValueTypes() {
    }

    public static ValueType<Integer> wholeNumber(int min, int max) {
        return of(text -> integer(text, min, max), String::valueOf);
    }

    private static <T> ValueType<T> of(Function<String, T> parser, Function<T, String> format) {
        return withFolders((text, folders) -> parser.apply(text), format);
    }

    private static <T> ValueType<T> withFolders(BiFunction<String, Folders, T> parser, Function<T, String> format) {
        return new ValueType<>() {
            @Override
            public T parse(String text, Folders folders) {
                return parser.apply(text, folders);
            }

            @Override
            public String format(T value) {
                return format.apply(value);
            }
        };
    }

    private static String name(String text, String rule) {
        if (text.isBlank() || text.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(rule);
        }
        return text.strip();
    }

    private static void checkPlaceholders(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (i == 0 && word.equals(PythonCommand.PLACEHOLDER)) {
                continue;
            }
            for (String name : CommandTemplate.placeholders(List.of(word))) {
                if (!CommandTemplate.STANDARD.contains(name)) {
                    throw new IllegalArgumentException("has an unknown placeholder {" + name + "}; known: {port},"
                            + " {host}, {correlationId}, and " + PythonCommand.PLACEHOLDER + " as the program (the"
                            + " interpreter Lifeline finds)");
                }
            }
        }
    }

    private static Optional<Pattern> readyLine(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must not be empty (it would match every line)");
        }
        try {
            return Optional.of(Pattern.compile(text));
        } catch (PatternSyntaxException invalid) {
            throw new IllegalArgumentException("is not a valid regular expression: " + invalid.getDescription()
                    + (invalid.getIndex() >= 0 ? " at character " + (invalid.getIndex() + 1) : ""));
        }
    }

    private static List<String> jsonWords(String text) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            List<String> words = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new IllegalArgumentException("must be a list of words (text), not nested lists or"
                            + " mappings");
                }
                words.add(item.asText());
            }
            return words;
        } catch (JsonProcessingException notJson) {
            throw new IllegalArgumentException("starts with [ but is not a list of words: " + notJson
                    .getOriginalMessage().lines().findFirst().orElse("syntax error"));
        }
    }

    private static String urlPath(String text) {
        String path = text.strip();
        if (!path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("must be a path starting with '/', without spaces, e.g. /health");
        }
        return path;
    }

    private static PortChoice port(String text) {
        if (text.strip().equalsIgnoreCase(PortChoice.AUTO_TEXT)) {
            return PortChoice.AUTO;
        }
        try {
            return new PortChoice(integer(text, 1, 65_535));
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

    private static AttachPolicy attachPolicy(String text) {
        for (AttachPolicy policy : AttachPolicy.values()) {
            if (policy.name().toLowerCase(Locale.ROOT).equals(text.strip().toLowerCase(Locale.ROOT))) {
                return policy;
            }
        }
        throw new IllegalArgumentException("must be verified, healthy or never");
    }

    private static boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    static Path existingFolder(String text, Folders folders) {
        return existingFolder(folders.resolve(text).toAbsolutePath().normalize());
    }

    static Path existingFolder(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("folder " + dir + " does not exist");
        }
        return dir;
    }

    private static Path interpreter(String text, Folders folders) {
        String value = folders.expandHome(text);
        if (value.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        boolean bareCommand = !value.contains("/") && !value.contains(File.separator) && !value.startsWith(".");
        return bareCommand ? Path.of(value) : folders.workingDirectory().resolve(value).normalize();
    }

    /** Made when a value written as JSON is first read: most runs read none, and a mapper costs start-up time. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
