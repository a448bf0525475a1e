package io.lifeline.domain.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a dependant waits for in one of its dependencies before it is launched. */
public enum DependencyCondition {
    /** Ready by its health contract (the default). */
    HEALTHY,
    /** Its process runs: launched, not yet ready. */
    STARTED,
    /** It exited with code 0: a one-shot job such as a migration. */
    COMPLETED;

    /** The word in a config file and in messages. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DependencyCondition> byWord(String word) {
        return Arrays.stream(values()).filter(condition -> condition.word().equals(word)).findFirst();
    }

    /** Every word, for a message that lists them. */
    public static String words() {
        return String.join(", ", Arrays.stream(values()).map(DependencyCondition::word).toList());
    }
}
