package io.lifeline.adapter.cli.export;

import io.lifeline.adapter.cli.config.HealthContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A configured value no target expects (a line break, a NUL, braces, dollars) is rendered or refused with one line
 * naming the backend: never another exception, which the command would report as an internal error (exit 70).
 */
class HostileValuesTest {

    static Stream<Arguments> hostileBackends() {
        DeployedBackend api = ExportTestData.api().withDependsOn(List.of());
        return Stream.of(
                Arguments.of("a line break in the working folder", at(api, Path.of("/home/user/a\nb"))),
                Arguments.of("a carriage return in the working folder", at(api, Path.of("/home/user/a\rb"))),
                Arguments.of("a line break in the program", api.withCommand(List.of("/opt/a\nb", "--port", "{port}"))),
                Arguments.of("a NUL in the program", api.withCommand(List.of("ser\0ver", "--port", "{port}"))),
                Arguments.of("a relative program with a line break", api.withCommand(List.of("./a\nb"))),
                Arguments.of("control characters in arguments", api.withCommand(List.of("{python}", "a\nb", "\0",
                        "\u0007", "{{", "$(X)", "%h"))),
                Arguments.of("a line break in a variable", withEnv(api, "GREETING", "hi\nthere $(X) {{ %h")),
                Arguments.of("a line break in the health path", api.withCheck(new HealthCheck(HealthContract.LIFELINE,
                        "/health\n{{x}}$(X)", List.of(), Optional.empty(), false, Optional.empty()))),
                Arguments.of("a line break in the image", api.withImage(Optional.of("img\nx"))),
                Arguments.of("a line break in the ready line", ExportTestData.worker().withDependsOn(List.of())
                        .withCheck(new HealthCheck(HealthContract.NONE, "/health", List.of(), Optional.empty(),
                                false, Optional.of(Pattern.compile("ready\nnow"))))));
    }

    static Stream<Arguments> everyTargetAndBackend() {
        return ExportTargets.all(ExportTestData.USR_BIN).stream().flatMap(target -> hostileBackends()
                .map(backend -> Arguments.of(target.name(), backend.get()[0], target, backend.get()[1])));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyTargetAndBackend")
    void givenAHostileValue_whenRendered_thenARenderingOrAOneLineRefusalNamingTheBackend(String targetName,
            String what, ExportTarget target, DeployedBackend backend) {
        Throwable thrown = catchThrowable(() -> target.render(ExportTestData.deployment(backend)));

        if (thrown != null) {
            assertThat(thrown).as("what %s throws for %s", targetName, what).isInstanceOf(ExportRefused.class);
            assertThat(thrown.getMessage()).doesNotContain("\n", "\r", "\0")
                    .startsWith(backend.name() + ": ");
        }
    }

    private static DeployedBackend at(DeployedBackend backend, Path workingDir) {
        return new DeployedBackend(backend.name(), backend.command(), workingDir, backend.env(), backend.secretEnv(),
                backend.endpoint(), backend.listens(), backend.job(), backend.check(), backend.timeouts(),
                backend.retry(), backend.supervision(), backend.stopGrace(), backend.dependsOn(),
                backend.interpreter(), backend.image(), backend.buildContext());
    }

    private static DeployedBackend withEnv(DeployedBackend backend, String name, String value) {
        Map<String, String> env = new TreeMap<>(backend.env());
        env.put(name, value);
        return new DeployedBackend(backend.name(), backend.command(), backend.workingDir(), new TreeMap<>(env),
                backend.secretEnv(), backend.endpoint(), backend.listens(), backend.job(), backend.check(),
                backend.timeouts(), backend.retry(), backend.supervision(), backend.stopGrace(),
                backend.dependsOn(), backend.interpreter(), backend.image(), backend.buildContext());
    }
}
