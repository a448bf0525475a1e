package io.lifeline.domain.model;

/** How a front end words a {@link RemedySetting} in the remedies it shows: the CLI names its flag, a GUI its field. */
@FunctionalInterface
public interface SettingNames {

    /** The setting as the user knows it, e.g. the flag that sets it. */
    String of(RemedySetting setting);

    /** "Set it to {@code value}" in the front end's words, e.g. the flag followed by the value. */
    default String assign(RemedySetting setting, String value) {
        return of(setting) + " " + value;
    }
}
