package io.lifeline.bootstrap;

import io.lifeline.adapter.cli.command.Console;
import io.lifeline.adapter.cli.command.LifelineCommand;
import io.lifeline.adapter.cli.command.Opened;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.PythonCommand;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.process.PythonCommands;
import io.lifeline.adapter.cli.command.StartFlow;
import io.lifeline.adapter.cli.output.ClosableStatusPublisher;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.adapter.cli.testing.LifelineDirs;
import io.lifeline.domain.port.in.DiagnoseSetupUseCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real wiring: picocli builds every command through the factory, and a run's port is opened by Guice for its
 * configuration.
 */
class CompositionRootTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int execute(String... args) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return LifelineCommand.commandLine(new CommandFactory(LifelineDirs.under(root).loader(), console), console, args)
                .execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "stop", "status", "wait", "config", "doctor", "generate-completion"})
    void givenEachCommand_whenAskingForHelp_thenTheFactoryBuildsIt(String command) {
        int code = execute(command, "--help");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: lifeline " + command);
    }

    @Test
    void givenNoCommand_whenAskingForHelp_thenEveryCommandIsListed() {
        int code = execute("--help");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Commands:").containsPattern("(?m)^  start ")
                .containsPattern("(?m)^  stop ").containsPattern("(?m)^  status ").containsPattern("(?m)^  wait ")
                .containsPattern("(?m)^  config ").containsPattern("(?m)^  generate-completion ")
                .containsPattern("(?m)^  doctor ");
    }

    @Test
    void givenAMistypedCommand_whenRun_thenTheSuggestionStillComesFromEveryCommand() {
        int code = execute("strat");

        assertThat(code).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'strat' - did you mean 'status'?");
    }

    @Test
    void givenVersionAlone_whenRunFromMain_thenItPrintsWhatPicocliPrints() {
        int viaPicocli = execute("--version");
        PrintStream realOut = System.out;
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        int viaMain;
        try {
            System.setOut(new PrintStream(direct, true, StandardCharsets.UTF_8));
            viaMain = LifelineMain.run(new String[] {"--version"});
        } finally {
            System.setOut(realOut);
        }

        assertThat(viaMain).isZero().isEqualTo(viaPicocli);
        assertThat(direct.toString(StandardCharsets.UTF_8)).startsWith("lifeline ")
                .isEqualTo(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void givenTheConfigCommand_whenRun_thenEverySettingIsListedWithItsSource() {
        int code = execute("config", "--port", "9000");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(Settings.ALL.size())
                .anyMatch(line -> line.matches("port +9000 +\\(flag --port\\)"));
    }

    @Test
    void givenAConfiguration_whenOpeningAPort_thenTheRunGetsItAndClosingReleasesIt() {
        LifelineConfig config = LifelineDirs.under(root).defaultConfig();

        try (Opened<DiagnoseSetupUseCase> diagnosis = new RunOpener<>(DiagnoseSetupUseCase.class)
                .open(config, event -> { })) {
            assertThat(diagnosis.useCase()).isNotNull();
        }
    }

    @Test
    void givenAFrontEndPublisherThatBuffers_whenTheRunIsClosed_thenItIsClosedTooAndDeliversItsLastEvent() {
        LifelineConfig config = LifelineDirs.under(root).defaultConfig();
        List<String> delivered = new ArrayList<>();
        ClosableStatusPublisher buffering = new ClosableStatusPublisher() {
            private final List<StatusEvent> pending = new ArrayList<>();

            @Override
            public void publish(StatusEvent event) {
                pending.add(event);
            }

            @Override
            public void close() {
                pending.forEach(event -> delivered.add(event.name()));
                pending.clear();
            }
        };

        try (Opened<StartFlow> flow = Lifeline.open(config, buffering)) {
            assertThat(flow.useCase()).isNotNull();
            buffering.publish(new StatusEvent.Stopped(new CorrelationId("backend-startup-1"), Instant.EPOCH,
                    "backend stopped"));
        }

        assertThat(delivered).containsExactly("stopped");
    }

    /** The configuration's word and the launcher's are one: the only Python fact each side must spell. */
    @Test
    void givenThePythonPlaceholder_thenTheConfigurationAndTheLauncherSpellItAlike() {
        assertThat(PythonCommand.PLACEHOLDER).isEqualTo(PythonCommands.INTERPRETER_PLACEHOLDER);
    }
}
