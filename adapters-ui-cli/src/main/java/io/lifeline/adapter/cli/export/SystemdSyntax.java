package io.lifeline.adapter.cli.export;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Values as a unit file reads them (systemd.syntax(7), systemd.service(5) "Command lines", systemd.exec(5)
 * {@code Environment=}). Specifiers are expanded in every value first, so each {@code %} is written {@code %%};
 * a command line is then split into words by quotes, with C escapes inside them; last, {@code $NAME} is substituted
 * in every argument but the program, so an argument's {@code $} is written {@code $$} (and the program's is not:
 * systemd substitutes nothing there).
 */
final class SystemdSyntax {

    /** An argument made only of these needs no quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@+-]+");
    /** systemd refuses a program path with these ("Executable name contains special characters"). */
    private static final Pattern BAD_PROGRAM = Pattern.compile(".*[\"'\\\\\\p{Cntrl}].*", Pattern.DOTALL);

    private SystemdSyntax() {
    }

    /** A command line: the program, then each argument quoted; empty when systemd cannot run this program. */
    static Optional<String> commandLine(List<String> command) {
        String program = command.get(0);
        if (BAD_PROGRAM.matcher(program).matches() || program.isEmpty()) {
            return Optional.empty();
        }
        String first = program.chars().anyMatch(Character::isWhitespace)
                ? "\"" + specifiers(program) + "\"" : specifiers(program);
        return Optional.of(first + command.stream().skip(1).map(SystemdSyntax::argument)
                .map(word -> " " + word).collect(Collectors.joining()));
    }

    /** One argument after the program, read back by systemd as exactly {@code text}. */
    static String argument(String text) {
        if (text.equals(";")) {
            return "\\;";
        }
        if (PLAIN.matcher(text).matches()) {
            return text;
        }
        return quoted(text.replace("$", "$$"));
    }

    /** One {@code Environment=} assignment: {@code "NAME=value"}; systemd substitutes no variables there. */
    static String assignment(String name, String value) {
        return quoted(name + "=" + value);
    }

    /**
     * A value taken as the rest of the line (a path, a description): only specifiers are special; empty when it has a
     * line break, which no unit file value can hold.
     */
    static Optional<String> verbatim(String text) {
        // A line break ends the setting; a backslash at its end joins the next line (ExecStart= included) to it.
        if (text.chars().anyMatch(c -> c == '\n' || c == '\r') || text.endsWith("\\")) {
            return Optional.empty();
        }
        return Optional.of(specifiers(text));
    }

    /** A time span: whole seconds as {@code 5s}, anything finer in milliseconds ({@code 100ms}), never shortened. */
    static String timespan(Duration duration) {
        if (duration.toNanosPart() == 0) {
            return duration.toSeconds() + "s";
        }
        long millis = duration.toMillis() + (duration.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
        return millis + "ms";
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '%' -> out.append("%%");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String specifiers(String text) {
        return text.replace("%", "%%");
    }
}
