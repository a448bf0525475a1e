package io.lifeline.domain.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Nothing answered on the expected port while the backend's own output says it listens on another one: the two
 * sides disagree on the port (the seed's 8000/8001 bug).
 *
 * @param outputLine the backend's line that shows where it listens
 */
public record PortMismatch(Endpoint expected, int listeningPort, String outputLine, Duration startupTimeout)
        implements StartupFailure {
    public PortMismatch {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(outputLine, "outputLine");
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.PORT_MISMATCH;
    }

    @Override
    public String summary() {
        return "Backend did not answer on port " + expected.port() + " within " + Durations.format(startupTimeout)
                + ", and its output says it listens on port " + listeningPort + " instead";
    }

    @Override
    public String remedy(SettingNames settings) {
        return "Make the backend listen on the port it is given (" + settings.of(RemedySetting.PORT)
                + "), or start Lifeline with " + settings.assign(RemedySetting.PORT, Integer.toString(listeningPort));
    }

    @Override
    public List<String> details() {
        return List.of("backend output: " + InertText.line(outputLine.strip()));
    }
}
