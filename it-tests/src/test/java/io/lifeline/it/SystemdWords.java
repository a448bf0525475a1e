package io.lifeline.it;

import java.util.ArrayList;
import java.util.List;

/**
 * A systemd command line split into its words, as systemd.service's "Command lines" reads it: an optional prefix of
 * {@code -+!:@|} characters, words separated by spaces, double or single quotes around a word with backslash escapes
 * inside, {@code %%} for a percent sign and {@code $$} for a dollar sign. Enough to run what a unit would run.
 */
final class SystemdWords {

    private SystemdWords() {
    }

    static List<String> split(String commandLine) {
        String text = commandLine.strip().replaceFirst("^[-+!:@|]+", "");
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                word.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else if ((c == '%' || c == '$') && i + 1 < text.length() && text.charAt(i + 1) == c) {
                word.append(c);
                i++;
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
