package io.lifeline.domain.port.out;

/**
 * Where a run's secrets come from: one per launched backend, given to it in its environment
 * ({@link OwnershipChallenge#SECRET_VARIABLE}, never on argv) and kept in its launch record, so a later run can ask
 * it to prove it knows it.
 */
@FunctionalInterface
public interface RunSecrets {

    /** A new secret: unguessable, printable, without whitespace. */
    String next();
}
