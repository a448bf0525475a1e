package io.lifeline.adapter.process;

import io.lifeline.domain.model.BackendScriptMissing;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.port.out.ProgramCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link LocalProcessLauncher} would run, found the same way: for {@code {python} script.py}, that the script is
 * there (the interpreter has its own diagnosis); for any other program, the file {@link ProgramResolver} finds.
 */
public final class LocalProgramCheck implements ProgramCheck {

    @Override
    public Finding check(BackendSpec backend) {
        if (PythonCommands.findsInterpreter(backend.command())) {
            Optional<Path> script = PythonCommands.script(backend.command()).map(backend.directory()::resolve);
            if (script.isPresent() && !Files.isRegularFile(script.get())) {
                return new Finding(script.get().toString(),
                        Optional.of(new BackendScriptMissing(script.get().toAbsolutePath().toString())));
            }
            return new Finding(script.map(Path::toString).orElse(backend.program()), Optional.empty());
        }
        ProgramResolver.Resolution resolution = ProgramResolver.resolve(backend.program(), backend);
        return new Finding(resolution.file().map(Path::toString).orElse(backend.program()), resolution.failure());
    }
}
