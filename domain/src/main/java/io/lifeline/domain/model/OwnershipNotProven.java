package io.lifeline.domain.model;

import java.util.Objects;

/**
 * A launched backend's ready answer could not be proven to come from it: the proof did not finish in time, nothing
 * listened on the port any more when it was checked, or the check itself broke. Another attempt can help: a busy
 * machine, or an answer from something that has since left the port.
 *
 * @param reason what the proof found, in one clause
 */
public record OwnershipNotProven(Endpoint endpoint, String reason) implements StartupFailure {
    public OwnershipNotProven {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.OWNERSHIP_NOT_PROVEN;
    }

    @Override
    public String summary() {
        return "A ready answer on " + endpoint + " was not proven to come from the backend Lifeline launched: " + reason;
    }

    @Override
    public String remedy(SettingNames settings) {
        return "If the machine is busy, raise " + settings.of(RemedySetting.HEALTH_TIMEOUT) + " (a proof gets it plus "
                + Durations.format(TimeoutPolicy.PROOF_MARGIN) + "); otherwise find what else uses port "
                + endpoint.port() + " (lsof -i :" + endpoint.port() + ")";
    }
}
