package io.lifeline.domain.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What checking one interpreter candidate showed, for a diagnosis that lists every candidate, not only the chosen one.
 *
 * @param command        how the candidate is run, e.g. an interpreter path or a launcher with arguments
 * @param origin         where it came from: {@code configured}, {@code backend venv}, {@code PATH}, ...
 * @param usable         runs, is new enough and loads every required module
 * @param version        the version it reported, when it ran far enough to report one
 * @param executable     the interpreter's own path ({@code sys.executable}), when it reported one
 * @param missingModules required modules it could not import, by name; empty when usable or when it never got that far
 * @param explanation    one line on why it is usable or not, without the command and origin
 */
public record InterpreterCandidateReport(String command, String origin, boolean usable, Optional<String> version,
                                         Optional<String> executable, List<String> missingModules,
                                         String explanation) {

    public InterpreterCandidateReport {
        Objects.requireNonNull(command, "command");
        if (command.isBlank()) {
            throw new IllegalArgumentException("candidate command must not be empty");
        }
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(executable, "executable");
        missingModules = List.copyOf(missingModules);
        Objects.requireNonNull(explanation, "explanation");
        if (usable && !missingModules.isEmpty()) {
            throw new IllegalArgumentException("a usable candidate cannot miss modules, but " + command + " misses "
                    + missingModules);
        }
    }

    /** The candidate in one line: {@code <command> (<origin>): <explanation>}. */
    public String describe() {
        return command + " (" + origin + "): " + explanation;
    }
}
