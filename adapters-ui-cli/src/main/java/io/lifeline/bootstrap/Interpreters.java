package io.lifeline.bootstrap;

import io.lifeline.adapter.process.InterpreterFinder;
import io.lifeline.domain.model.BackendSpec;

import java.nio.file.Path;
import java.util.Optional;

/** The interpreter {@code {python}} is for a backend on this machine, found as {@code start} finds it. */
final class Interpreters {

    private Interpreters() {
    }

    static Optional<Path> discovered(BackendSpec backend) {
        return new InterpreterFinder().find(backend).interpreter().map(usable -> Path.of(usable.executable()));
    }
}
