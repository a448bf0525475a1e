package io.lifeline.bootstrap;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import picocli.CommandLine;

import java.util.Objects;

/**
 * picocli builds every command, option converter and version provider through this factory (the pattern picocli's
 * documentation shows for Guice), so commands get their dependencies by constructor and no command looks anything
 * up. Classes the injector has no binding for and cannot build are left to picocli's own factory.
 */
final class GuiceCommandFactory implements CommandLine.IFactory {

    private final Injector injector;

    GuiceCommandFactory(Injector injector) {
        this.injector = Objects.requireNonNull(injector, "injector");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            return injector.getInstance(type);
        } catch (ConfigurationException notInjectable) {
            return CommandLine.defaultFactory().create(type);
        }
    }
}
