package io.lifeline.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * A package the backend imports is not installed for the chosen interpreter.
 *
 * @param language       whose packages they are, as the profile that recognised them calls it
 * @param installCommand the exact command that installs them for {@code interpreter}
 */
public record PackagesMissing(String language, List<String> modules, String interpreter, String installCommand)
        implements StartupFailure {
    public PackagesMissing {
        Objects.requireNonNull(language, "language");
        modules = List.copyOf(modules);
        Objects.requireNonNull(interpreter, "interpreter");
        Objects.requireNonNull(installCommand, "installCommand");
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.PACKAGES_MISSING;
    }

    @Override
    public String summary() {
        return "Required " + language + " packages are missing for " + interpreter + ": " + String.join(", ", modules);
    }

    @Override
    public String remedy(SettingNames settings) {
        return "Install them: " + installCommand;
    }
}
