package io.lifeline.adapter.cli.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one command string into words the way a POSIX shell would, without running a shell: whitespace separates
 * words; single quotes keep everything literally; double quotes keep spaces and let a backslash escape {@code "},
 * {@code \}, {@code $} and {@code `}; a backslash outside quotes escapes the next character, and a backslash before a
 * line break joins the lines (a YAML block with continuation lines). Nothing is expanded:
 * {@code $HOME}, {@code *} and {@code ~} stay as they are.
 */
public final class CommandWords {

    private CommandWords() {
    }

    /** @throws IllegalArgumentException for an unclosed quote or a trailing backslash */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("has an unclosed ' quote (at character " + (i + 1) + ")");
                }
                word.append(text, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i = doubleQuoted(text, i, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= text.length()) {
                    throw new IllegalArgumentException("ends with a lone backslash");
                }
                char next = text.charAt(++i);
                if (next == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                } else if (next != '\n') {
                    word.append(next);
                    inWord = true;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    /** Appends the double-quoted part that starts at {@code open}; returns the index of its closing quote. */
    private static int doubleQuoted(String text, int open, StringBuilder word) {
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            } else if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                word.append(text.charAt(++i));
            } else {
                word.append(c);
            }
        }
        throw new IllegalArgumentException("has an unclosed \" quote (at character " + (open + 1) + ")");
    }

    /** The words as one line that splits back to them: each quoted only where it needs to be. */
    public static String join(List<String> words) {
        List<String> shown = new ArrayList<>();
        for (String word : words) {
            boolean plain = !word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c)
                    || "'\"\\$`*?;&|<>()#~".indexOf(c) >= 0);
            shown.add(plain ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return String.join(" ", shown);
    }
}
