package io.lifeline.adapter.cli.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One setting, declared once in {@link Settings}: its key in the config file, its flag, its environment variable, its
 * type (parser and validation), its default and the text that documents it. The loader, the command-line options,
 * {@code lifeline config}, {@code lifeline doctor} and docs/configuration.md's test all follow these declarations.
 *
 * @param <T> the parsed value
 */
public final class Setting<T> {

    private final String key;
    private final String flag;
    private final String environmentVariable;
    private final String valueLabel;
    private final String description;
    private final ValueType<T> type;
    private final String defaultText;
    private final Function<Folders, T> defaultValue;
    private final Function<T, String> shown;
    private final String formerKey;
    private final String formerFlag;
    private final boolean defaultDescribed;
    private final boolean ofTheApp;

    private Setting(Builder<T> builder) {
        this.key = Objects.requireNonNull(builder.key, "key");
        this.flag = builder.flag;
        this.environmentVariable = builder.environmentVariable;
        this.valueLabel = Objects.requireNonNull(builder.valueLabel, key + ": value label");
        this.description = Objects.requireNonNull(builder.description, key + ": description");
        this.type = Objects.requireNonNull(builder.type, key + ": type");
        this.defaultText = Objects.requireNonNull(builder.defaultText, key + ": default");
        this.defaultValue = Objects.requireNonNull(builder.defaultValue, key + ": default");
        this.shown = builder.shown;
        this.formerKey = builder.formerKey;
        this.formerFlag = builder.formerFlag;
        this.defaultDescribed = builder.defaultDescribed;
        this.ofTheApp = builder.ofTheApp;
    }

    /** A setting of the whole app (one log, one run folder): refused in a backend's entry under {@code backends:}. */
    public boolean ofTheApp() {
        return ofTheApp;
    }

    public static <T> Builder<T> of(String key, ValueType<T> type) {
        return new Builder<>(key, type);
    }

    /** The key in the config file, e.g. {@code retryDelay}. */
    public String key() {
        return key;
    }

    /** How its text is read and written back. */
    public ValueType<T> type() {
        return type;
    }

    /** The command-line flag, e.g. {@code --retry-delay}; some settings are file-only. */
    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }

    /** The key it had before it was renamed, still read from a config file; {@code lifeline config} notes it. */
    public Optional<String> formerKey() {
        return Optional.ofNullable(formerKey);
    }

    /** The flag it had before it was renamed, still accepted. */
    public Optional<String> formerFlag() {
        return Optional.ofNullable(formerFlag);
    }

    /**
     * The name a value was given under, for messages about it: the former key when the value came under a former name
     * (so a message says what the user wrote), else the key.
     */
    public String keyAsGiven(Origin origin) {
        return origin.formerName() && formerKey != null ? formerKey : key;
    }

    public Optional<String> environmentVariable() {
        return Optional.ofNullable(environmentVariable);
    }

    /** What the value is, for help texts: {@code DURATION}, {@code PORT}, ... */
    public String valueLabel() {
        return valueLabel;
    }

    public String description() {
        return description;
    }

    /** The default as help and docs show it, e.g. {@code 2s}, {@code on-failure}, {@code discovered}. */
    public String defaultText() {
        return defaultText;
    }

    /**
     * Whether {@link #defaultText()} describes the default in words ({@code discovered}, {@code any}) rather than
     * writing a value that parses back to it.
     */
    public boolean defaultIsDescribed() {
        return defaultDescribed;
    }

    /** The default value, taken from the domain's {@code DEFAULT_} constant where there is one. */
    public T defaultValue(Folders folders) {
        return defaultValue.apply(folders);
    }

    /** @throws IllegalArgumentException with the reason the text is not a valid value */
    public T parse(String text, Folders folders) {
        return type.parse(text, folders);
    }

    /** What {@code lifeline config} shows as the effective value: the parsed value, or the text as given. */
    String shown(T value, String text) {
        return shown == null ? text : shown.apply(value);
    }

    @Override
    public String toString() {
        return key;
    }

    /** Declares a setting; only {@link Settings} builds them. */
    public static final class Builder<T> {
        private final String key;
        private final ValueType<T> type;
        private String flag;
        private String environmentVariable;
        private String valueLabel;
        private String description;
        private String defaultText;
        private Function<Folders, T> defaultValue;
        private Function<T, String> shown;
        private String formerKey;
        private String formerFlag;
        private boolean defaultDescribed;
        private boolean ofTheApp;

        private Builder(String key, ValueType<T> type) {
            this.key = key;
            this.type = type;
        }

        public Builder<T> flag(String value) {
            this.flag = value;
            return this;
        }

        /** The names it had before a rename: both are still accepted, and {@code lifeline config} notes their use. */
        public Builder<T> formerly(String oldKey, String oldFlag) {
            this.formerKey = oldKey;
            this.formerFlag = oldFlag;
            return this;
        }

        public Builder<T> env(String value) {
            this.environmentVariable = value;
            return this;
        }

        /** @param label what the value is, for help texts: {@code DURATION}, {@code PORT}, ... */
        public Builder<T> describe(String label, String text) {
            this.valueLabel = label;
            this.description = text;
            return this;
        }

        /** A fixed default, documented as the type writes it. */
        public Builder<T> byDefault(T value) {
            Objects.requireNonNull(value, key + ": default");
            this.defaultText = type.format(value);
            this.defaultValue = folders -> value;
            return this;
        }

        /** A default that depends on where Lifeline runs; problems with it are reported against {@code text}. */
        public Builder<T> byDefault(String text, Function<Folders, T> value) {
            this.defaultText = text;
            this.defaultValue = value;
            return this;
        }

        /** A default told in words ({@code discovered}), not a value the setting's type would read back. */
        public Builder<T> byDefaultDescribed(String words, Function<Folders, T> value) {
            this.defaultDescribed = true;
            return byDefault(words, value);
        }

        /** How {@code lifeline config} shows the effective value; unset, it shows the text as given. */
        public Builder<T> shown(Function<T, String> value) {
            this.shown = value;
            return this;
        }

        /** A setting of the whole app, not of one backend: a backend's entry may not set it. */
        public Builder<T> ofTheApp() {
            this.ofTheApp = true;
            return this;
        }

        public Setting<T> build() {
            return new Setting<>(this);
        }
    }
}
