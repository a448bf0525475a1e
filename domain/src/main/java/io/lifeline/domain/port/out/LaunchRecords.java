package io.lifeline.domain.port.out;

import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.LaunchRecord;

import java.util.Optional;

/** The launch records Lifeline runs leave for the ports they launched on. Never throws: unreadable is empty. */
@FunctionalInterface
public interface LaunchRecords {

    Optional<LaunchRecord> find(Endpoint endpoint);
}
