package io.lifeline.domain.model;

import java.util.function.Function;

/**
 * What one health probe saw. A probe never throws: every outcome, good or hostile, is one of these.
 */
public sealed interface HealthObservation permits HealthReport, ProbeFailure {

    /** One line for logs and reports. */
    String describe();

    /** One of the two functions, by what the probe saw. */
    <T> T fold(Function<HealthReport, T> report, Function<ProbeFailure, T> failure);
}
