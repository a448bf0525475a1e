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
}
