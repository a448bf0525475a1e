package io.lifeline.adapter.cli.config;

/**
 * How the text of one kind of value is read and written back: the parser checks the value on its own (range, unit,
 * format) and says what is wrong in a few words; the key and where the value came from are added by the loader.
 */
public interface ValueType<T> {

    /** @throws IllegalArgumentException with the reason, e.g. "must be between 1 and 100" */
    T parse(String text, Folders folders);

    /** The text that parses back to {@code value}: how a default is shown in help and docs. */
    String format(T value);

    /** Whether a config file gives it as a list ({@code [a, b]}); flags and variables give it comma-separated. */
    default boolean list() {
        return false;
    }
}
