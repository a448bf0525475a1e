package io.lifeline.domain.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Something that is not an acceptable backend holds the port.
 *
 * @param observation what we saw of it: what it answered, or what the backend said when it could not bind
 * @param holder      the process that listens there, when the operating system tells
 * @param notProven   a ready backend answers, but no proof shows it is ours: trusting it is a choice the user has
 */
public record PortInUse(Endpoint endpoint, String observation, Optional<PortHolder> holder, boolean notProven)
        implements StartupFailure {
    public PortInUse {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(holder, "holder");
    }

    public PortInUse(Endpoint endpoint, String observation, Optional<PortHolder> holder) {
        this(endpoint, observation, holder, false);
    }

    public PortInUse(Endpoint endpoint, String observation) {
        this(endpoint, observation, Optional.empty());
    }

    public PortInUse withHolder(Optional<PortHolder> value) {
        return new PortInUse(endpoint, observation, value, notProven);
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.PORT_IN_USE;
    }

    @Override
    public String summary() {
        return "Port " + endpoint.port() + " on " + endpoint.host() + " is held by "
                + holder.map(PortHolder::describe).orElse("another process") + ": " + InertText.line(observation);
    }

    @Override
    public String remedy(SettingNames settings) {
        String stop = holder.map(process -> "Stop it (kill " + process.pid() + ")")
                .orElse("Stop the process that holds port " + endpoint.port() + " (find it with: lsof -i :"
                        + endpoint.port() + ")");
        return stop + ", or start on another port with " + settings.of(RemedySetting.PORT) + (notProven
                ? ", or, if you trust it, attach to it anyway with " + settings.assign(RemedySetting.ATTACH, "healthy") : "");
    }
}
