package io.lifeline.domain.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Lifeline knows about one kind of backend program: how its output explains an exit during startup, and how it
 * says where it listens. Knowledge, not I/O: the adapter that knows the technology supplies the patterns and the
 * words (the interpreter profile in adapters-process reads its import errors as missing packages, with the
 * install command for the interpreter in use); the run asks it when an attempt ended.
 */
public interface BackendProfile {

    /** For any program: only what operating systems print the same way everywhere. */
    BackendProfile GENERIC = new BackendProfile() {
        @Override
        public Optional<StartupFailure> explainExit(int exitCode, List<String> lastOutput, BackendSpec backend,
                                                    String program, Endpoint endpoint) {
            return addressInUse(lastOutput, endpoint, Pattern.compile("address already in use",
                    Pattern.CASE_INSENSITIVE));
        }
    };

    /**
     * The cause the backend's last output gives for its exit during startup, when it gives one this profile knows;
     * empty for a plain "exited during startup".
     *
     * @param program the program that ran it, e.g. the interpreter, for remedies such as an install command
     */
    Optional<StartupFailure> explainExit(int exitCode, List<String> lastOutput, BackendSpec backend, String program,
                                         Endpoint endpoint);

    /**
     * What to check by hand before the next start, in this kind of backend's terms (its runtime, its packages): the
     * first lines of a failed start's checklist; empty when the front end's own words for any program will do.
     */
    default List<String> setupChecklist(BackendSpec backend) {
        return List.of();
    }

    /**
     * Why none of these interpreter candidates can run the backend, as a launch would end: for a diagnosis that
     * checked them all; empty when this kind of backend has no interpreter to find.
     */
    default Optional<StartupFailure> noUsableInterpreter(BackendSpec backend,
                                                        List<InterpreterCandidateReport> candidates) {
        return Optional.empty();
    }

    /** What servers print when they start listening: "running on", "listening on", ... host:port. */
    Pattern LISTENING_ON = Pattern.compile("(?:running on|listening on|listening at|serving on)\\s+\\S*?:(\\d{1,5})\\b",
            Pattern.CASE_INSENSITIVE);

    /** The port a line of output says the backend listens on, if it says so ("Running on ...:8001"). */
    default OptionalInt listeningPort(String line) {
        Matcher listening = LISTENING_ON.matcher(line);
        return listening.find() ? OptionalInt.of(Integer.parseInt(listening.group(1))) : OptionalInt.empty();
    }

    /** The last line matching {@code bindError}, as a port-in-use failure. */
    static Optional<StartupFailure> addressInUse(List<String> lastOutput, Endpoint endpoint, Pattern bindError) {
        return lastOutput.stream().filter(line -> bindError.matcher(line).find()).reduce((first, second) -> second)
                .map(line -> new PortInUse(endpoint, "the backend could not bind it: "
                        + line.strip()));
    }

    /**
     * Whether a running process runs the configured command: the program (by file name; a script run by its
     * interpreter shows that interpreter first), then, word by word in the same places, the command's head: the plain
     * words before its first option (a script, {@code app:app}, {@code server.js}), and a module after
     * {@code -m}. Options and placeholders are not compared: a backend started by hand gets other ports and ids.
     */
    default boolean runsCommand(List<String> configured, List<String> running) {
        if (running.isEmpty()) {
            return false;
        }
        String program = configured.get(0);
        int offset;
        if (program.contains("{")) {
            offset = 0;
        } else if (fileName(running.get(0)).equals(fileName(program))) {
            offset = 0;
        } else if (running.size() > 1 && fileName(running.get(1)).equals(fileName(program))) {
            offset = 1;
        } else {
            return false;
        }
        for (int i = 1; i < configured.size(); i++) {
            String word = configured.get(i);
            boolean module = word.equals("-m");
            if (word.startsWith("-") && !module) {
                break;
            }
            if (word.contains("{")) {
                continue;
            }
            if (offset + i >= running.size()) {
                return false;
            }
            String shown = running.get(offset + i);
            if (!shown.equals(word) && !fileName(shown).equals(fileName(word))) {
                return false;
            }
        }
        return true;
    }

    /** The last part of a program's path, lower case, without a Windows {@code .exe}: how programs are compared. */
    static String fileName(String path) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".exe") ? name.substring(0, name.length() - 4)
                : name;
    }
}
