package io.lifeline.domain.model;

/**
 * What one health probe saw. A probe never throws: every outcome, good or hostile, is one of these.
 */
public sealed interface HealthObservation permits HealthReport, ProbeFailure {

    /** One line for logs and reports. */
    String describe();
}
