package io.lifeline.adapter.cli.export;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A command as one POSIX shell line ({@code sh -c}, and bash, which reads quotes the same): each word that needs it
 * in single quotes, inside which nothing is special, and a single quote itself written {@code '\''}; a word with
 * single quotes but nothing that is special in double quotes goes in double quotes instead, to stay readable.
 */
final class ShellWords {

    /** A word made only of these means itself to the shell. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@+%-]+");

    private ShellWords() {
    }

    /** Text with single quotes reads better in double quotes, where only these would be special. */
    private static final Pattern DOUBLE_QUOTABLE = Pattern.compile("[^$`\\\\\"!]*");

    /** The shell's reserved words: as the first word of a line they are syntax, not a program. */
    private static final Set<String> RESERVED = Set.of("!", "{", "}", "case", "do", "done", "elif", "else", "esac",
            "fi", "for", "function", "if", "in", "select", "then", "time", "until", "while", "[[", "]]");

    /** The words as one line the shell splits back into exactly them and runs the first of. */
    static String line(List<String> words) {
        String program = words.get(0);
        // a first word with '=' would be an assignment, a reserved one syntax: quoted, it is the program
        String first = program.contains("=") || RESERVED.contains(program) ? quoted(program) : word(program);
        return first + words.stream().skip(1).map(ShellWords::word).map(word -> " " + word)
                .collect(Collectors.joining());
    }

    static String word(String text) {
        if (PLAIN.matcher(text).matches()) {
            return text;
        }
        return quoted(text);
    }

    private static String quoted(String text) {
        if (text.contains("'") && DOUBLE_QUOTABLE.matcher(text).matches()) {
            return "\"" + text + "\"";
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
