package io.lifeline.domain.port.out;

import io.lifeline.domain.model.ProcessFacts;

import java.util.Optional;

/** What the operating system shows about a process; empty when it is gone or not shown. Never throws. */
@FunctionalInterface
public interface ProcessInspector {

    Optional<ProcessFacts> facts(long pid);
}
