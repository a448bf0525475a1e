package io.lifeline.domain.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * No candidate interpreter was usable; {@code rejections} explains each one (path, version, what was missing).
 *
 * @param language       what the interpreter runs, as the launcher that looked for it calls it
 * @param minimumVersion the oldest version that will do
 */
public record InterpreterNotFound(String language, String minimumVersion, List<String> rejections)
        implements StartupFailure {
    public InterpreterNotFound {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(minimumVersion, "minimumVersion");
        rejections = List.copyOf(rejections);
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.INTERPRETER_NOT_FOUND;
    }

    @Override
    public String summary() {
        return "No usable " + language + " interpreter found (" + language + " " + minimumVersion
                + " or newer is required)";
    }

    @Override
    public String remedy(SettingNames settings) {
        return "Install " + language + " " + minimumVersion + "+ and put it on PATH, or point Lifeline at one with "
                + settings.assign(RemedySetting.INTERPRETER, "/path/to/" + language.toLowerCase(Locale.ROOT));
    }

    @Override
    public List<String> details() {
        return rejections;
    }
}
