package io.lifeline.adapter.process;

import java.util.List;

/** What trying one interpreter candidate showed. */
public sealed interface InterpreterCheck {

    InterpreterCandidate candidate();

    /** Runs, is recent enough, and imports every required module. */
    record Usable(InterpreterCandidate candidate, String executable, String version) implements InterpreterCheck {
    }

    record TooOld(InterpreterCandidate candidate, String version) implements InterpreterCheck {
    }

    record MissingModules(InterpreterCandidate candidate, String executable, String version, List<String> modules)
            implements InterpreterCheck {
    }

    /** Not found, not executable, crashed, hung, or printed something we did not understand. */
    record Broken(InterpreterCandidate candidate, String reason) implements InterpreterCheck {
    }

    default String explain() {
        if (this instanceof Usable usable) {
            return candidate().display() + " (" + candidate().origin() + "): Python " + usable.version() + ", usable";
        }
        if (this instanceof TooOld old) {
            return candidate().display() + " (" + candidate().origin() + "): Python " + old.version()
                    + " is older than " + InterpreterFinder.MIN_MAJOR + "." + InterpreterFinder.MIN_MINOR;
        }
        if (this instanceof MissingModules missing) {
            return candidate().display() + " (" + candidate().origin() + "): Python " + missing.version()
                    + ", cannot import " + String.join(", ", missing.modules());
        }
        return candidate().display() + " (" + candidate().origin() + "): " + ((Broken) this).reason();
    }
}
