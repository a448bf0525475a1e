package io.lifeline.domain.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of a backend command: {@code {port}}, {@code {host}} and {@code {correlationId}} are filled in
 * for each launch; a launcher may know more (the program it found to run the backend). Only a name in braces is a
 * placeholder, so JSON in an argument ({@code {"a": 1}}) stays as it is.
 */
public final class CommandTemplate {

    public static final String PORT = "port";
    public static final String HOST = "host";
    public static final String CORRELATION_ID = "correlationId";
    /** The ones every launch fills in. */
    public static final Set<String> STANDARD = Set.of(PORT, HOST, CORRELATION_ID);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private CommandTemplate() {
    }

    /** The placeholder names the command uses, in order of first use. */
    public static Set<String> placeholders(List<String> command) {
        Set<String> names = new LinkedHashSet<>();
        for (String argument : command) {
            Matcher matcher = PLACEHOLDER.matcher(argument);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** The values for the standard placeholders of one launch. */
    public static Map<String, String> standardValues(Endpoint endpoint, CorrelationId correlationId) {
        return Map.of(PORT, Integer.toString(endpoint.port()), HOST, endpoint.host(),
                CORRELATION_ID, correlationId.value());
    }

    /**
     * The command with every placeholder replaced.
     *
     * @throws IllegalArgumentException for a placeholder without a value
     */
    public static List<String> fill(List<String> command, Map<String, String> values) {
        List<String> filled = new ArrayList<>(command.size());
        for (String argument : command) {
            Matcher matcher = PLACEHOLDER.matcher(argument);
            StringBuilder result = new StringBuilder();
            while (matcher.find()) {
                String value = values.get(matcher.group(1));
                if (value == null) {
                    throw new IllegalArgumentException("unknown placeholder {" + matcher.group(1) + "} in the"
                            + " backend command; known: " + String.join(", ", values.keySet().stream().sorted()
                            .map(name -> "{" + name + "}").toList()));
                }
                matcher.appendReplacement(result, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(result);
            filled.add(result.toString());
        }
        return List.copyOf(filled);
    }
}
