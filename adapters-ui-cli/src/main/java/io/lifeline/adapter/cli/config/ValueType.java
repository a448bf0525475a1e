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

    /** How a config file gives it; flags and variables always give text. */
    default FileForm fileForm() {
        return FileForm.SINGLE;
    }

    /** The shapes a value takes in a config file, and the text each becomes for {@link #parse}. */
    enum FileForm {
        /** One scalar value. */
        SINGLE,
        /** A list ({@code [a, b]}), joined with commas as a flag gives it. */
        LIST,
        /** One string split into words like a shell would, or a list of words, given as a JSON array. */
        WORDS,
        /** A mapping of names to scalar values, given as a JSON object. */
        MAPPING
    }
}
