package io.lifeline.adapter.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.lifeline.adapter.cli.export.ExportTarget;
import io.lifeline.adapter.cli.export.ExportTargets;
import io.lifeline.adapter.cli.export.ExportTestData;
import io.lifeline.adapter.cli.testing.LifelineDirs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lifeline export}: the command around the targets (which have their own tests): which target, where the files
 * go and how, what is said on stderr, {@code --strict}, and one line for what cannot be exported.
 */
class ExportCommandTest {

    private static final String SECRET = "s3cr3t-do-not-export";

    @TempDir
    Path root;

    private LifelineDirs dirs;
    private TestCommands commands;

    @BeforeEach
    void createFolders() {
        dirs = LifelineDirs.under(root);
        commands = new TestCommands(dirs.loader(Map.of()));
    }

    @Test
    void anUnknownTarget_isOneLineListingTheTargets_exit64() {
        int code = commands.execute("export", "nomad");

        assertThat(code).isEqualTo(64);
        assertThat(commands.stderr().lines()).singleElement().asString().isEqualTo("lifeline: export: unknown target"
                + " 'nomad'; one of compose, kubernetes, systemd, process-compose");
        assertThat(commands.stdout()).isEmpty();
        assertThat(commands.opened()).isZero();
    }

    @Test
    void everyTargetTheCommandKnows_isNamedAsTheDocsAndTheHelpSayIt() {
        assertThat(ExportTargets.all(ExportTestData.USR_BIN).stream().map(ExportTarget::name))
                .containsExactly("compose", "kubernetes", "systemd", "process-compose");
    }

    @Test
    void aPortPickedAtEachStart_cannotBeExported_oneLineWithTheFix() {
        dirs.write("lifeline.yaml", "port: auto\nimage: lifeline-fixture:dev\n");

        int code = commands.execute("export", "compose");

        assertThat(code).isEqualTo(64);
        assertThat(commands.stderr().lines()).singleElement().asString()
                .startsWith("lifeline: export compose: backend: port auto (from lifeline.yaml:1) is picked anew at"
                        + " each start").contains("port: 8000");
        assertThat(commands.stdout()).isEmpty();
    }

    @Test
    void withOutput_eachFileIsWrittenPrivately_andStderrSaysWhere_stdoutStaysEmpty() throws Exception {
        Path out = root.resolve("deploy");

        int code = commands.execute("export", "systemd", "--output", out.toString());

        assertThat(code).as(commands.stderr()).isZero();
        List<Path> files = list(out);
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwx------");
        assertThat(commands.stderr().lines().toList()).last().asString()
                .startsWith("lifeline: export systemd: wrote ").endsWith(" to " + out);
        assertThat(commands.stdout()).isEmpty();
    }

    @Test
    void anOutputFolderThatIsALink_isRefused_andNothingIsWrittenWhereItPoints() throws Exception {
        Path elsewhere = Files.createDirectory(root.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(root.resolve("deploy"), elsewhere);

        int code = commands.execute("export", "systemd", "--output", link.toString());

        assertThat(code).isEqualTo(28);
        assertThat(commands.stderr().lines()).singleElement().asString()
                .startsWith("lifeline: the output folder " + link + " is not private");
        assertThat(list(elsewhere)).isEmpty();
    }

    @Test
    void severalFilesOnStdout_eachFollowsALineNamingIt() {
        dirs.write("app.yaml", """
                backends:
                  api:
                    port: 18080
                  worker:
                    port: 18081
                    dependsOn: {api: healthy}
                """);

        int code = commands.execute("export", "systemd", "--config", "app.yaml");

        assertThat(code).as(commands.stderr()).isZero();
        assertThat(commands.stdout().lines().filter(line -> line.startsWith("# file: ")))
                .containsExactly("# file: app-api.service", "# file: app-worker.service");
    }

    @Test
    void strict_withALoss_listsEveryLossAndFails_writingNothing() {
        // The bundled command passes {correlationId}, which an engine cannot make anew for each launch.
        dirs.write("lifeline.yaml", "image: lifeline-fixture:dev\n");
        Path out = root.resolve("deploy");

        int code = commands.execute("export", "compose", "--strict", "--output", out.toString());

        assertThat(code).isEqualTo(64);
        List<String> lines = commands.stderr().lines().toList();
        assertThat(lines).anyMatch(line -> line.startsWith("lifeline: export compose: lost: backend: command:"
                + " {correlationId}"));
        assertThat(lines).last().asString().matches("lifeline: export compose --strict: \\d+ settings? cannot be"
                + " exported as configured \\(listed above\\); nothing written");
        assertThat(out).doesNotExist();
        assertThat(commands.stdout()).isEmpty();
    }

    @Test
    void secretLookingValues_areWrittenByNoTarget() {
        dirs.write("lifeline.yaml", """
                image: lifeline-fixture:dev
                env:
                  API_TOKEN: %s
                  DATABASE_URL: postgres://app:%s@db:5432/app
                  APP_MODE: demo
                """.formatted(SECRET, SECRET));

        for (ExportTarget target : ExportTargets.all(ExportTestData.USR_BIN)) {
            TestCommands each = new TestCommands(dirs.loader(Map.of()));
            int code = each.execute("export", target.name());

            assertThat(code).as(target.name() + ": " + each.stderr()).isZero();
            assertThat(each.stdout()).as(target.name()).doesNotContain(SECRET).contains("APP_MODE")
                    .contains("API_TOKEN").contains("DATABASE_URL");
            assertThat(each.stderr()).doesNotContain(SECRET);
        }
    }

    @Test
    void valuesSecretByTheirShape_areWrittenByNoTarget_whateverTheirName() {
        dirs.write("lifeline.yaml", """
                image: lifeline-fixture:dev
                env:
                  OPENAI: sk-proj-%1$s
                  DATABASE_URL: postgresql://db/app?user=me&password=%1$s
                  GITHUB: ghp_%1$s
                  ANTHROPIC: sk-ant-api03-_%1$s
                  HUGGING: hf_%1$s%1$s
                  HOOK: https://hooks.slack.com/services/T000/B000/%1$s
                  HEADER: Bearer %1$s
                  APP_MODE: demo
                """.formatted("Zq8xW2vB7nK4mP1rT6yU"));

        for (ExportTarget target : ExportTargets.all(ExportTestData.USR_BIN)) {
            TestCommands each = new TestCommands(dirs.loader(Map.of()));
            int code = each.execute("export", target.name());

            assertThat(code).as(target.name() + ": " + each.stderr()).isZero();
            assertThat(each.stdout()).as(target.name()).doesNotContain("Zq8xW2vB7nK4mP1rT6yU").contains("OPENAI")
                    .contains("GITHUB").contains("APP_MODE");
        }
    }

    @Test
    void aSecretInTheCommandOrTheHealthPath_isRefused_withoutShowingIt_exit64() {
        dirs.write("lifeline.yaml", """
                image: lifeline-fixture:dev
                command: ["{python}", "main.py", "--port", "{port}", "--api-key", "%s"]
                """.formatted(SECRET));

        int code = commands.execute("export", "compose");

        assertThat(code).isEqualTo(64);
        assertThat(commands.stderr().lines()).singleElement().asString()
                .startsWith("lifeline: export compose: backend: command (from lifeline.yaml:2) holds what looks like"
                        + " a secret in word 6").contains("pass it in env").doesNotContain(SECRET);

        dirs.write("lifeline.yaml", "image: lifeline-fixture:dev\nhealthPath: /health?token=" + SECRET + "\n");
        TestCommands again = new TestCommands(dirs.loader(Map.of()));
        assertThat(again.execute("export", "kubernetes")).isEqualTo(64);
        assertThat(again.stderr()).contains("healthPath").doesNotContain(SECRET);
        assertThat(again.stdout()).isEmpty();
    }

    @Test
    void aLifelineSecretInTheFile_isNotExportedEvenByName() {
        dirs.write("lifeline.yaml", "image: lifeline-fixture:dev\nenv: {LIFELINE_SECRET: " + SECRET
                + ", LIFELINE_MODE: quiet}\n");

        for (ExportTarget target : ExportTargets.all(ExportTestData.USR_BIN)) {
            TestCommands each = new TestCommands(dirs.loader(Map.of()));
            assertThat(each.execute("export", target.name())).as(each.stderr()).isZero();
            assertThat(each.stdout()).as(target.name()).doesNotContain("LIFELINE_SECRET").doesNotContain(SECRET);
            assertThat(each.stdout().lines().filter(line -> line.contains("LIFELINE_MODE")))
                    .as(target.name() + ": named only where it says it is lost")
                    .allMatch(line -> line.startsWith("# lost: backend: env: LIFELINE_MODE"));
            assertThat(each.stderr()).as(target.name()).contains("lost: backend: env: LIFELINE_MODE belongs to a run"
                    + " of Lifeline: not exported");
        }
    }

    @Test
    void aReadyLineWithALineBreak_staysInsideItsComment() throws Exception {
        dirs.write("lifeline.yaml", """
                image: lifeline-fixture:dev
                health: none
                readyLine: "ready\\ninclude: [/tmp/evil.yaml]\\n#"
                """);

        int code = commands.execute("export", "compose");

        assertThat(code).as(commands.stderr()).isZero();
        JsonNode compose = new YAMLMapper().readTree(commands.stdout());
        assertThat(compose.fieldNames()).toIterable().containsExactly("name", "services");
        assertThat(commands.stdout()).contains("ready\\ninclude");
        assertThat(commands.stderr().lines()).allMatch(line -> line.startsWith("lifeline: "));
    }

    @Test
    void anExistingFolderOfYours_keepsItsMode_theFilesArePrivate() throws Exception {
        Path out = Files.createDirectory(root.resolve("deploy"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));

        int code = commands.execute("export", "systemd", "--output", out.toString());

        assertThat(code).as(commands.stderr()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwxr-xr-x");
        assertThat(list(out)).isNotEmpty().allSatisfy(file -> assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
    }

    @Test
    void anOutputThatIsAFile_isAUsageError_naming_it() throws Exception {
        Path file = Files.writeString(root.resolve("deploy"), "not a folder");

        int code = commands.execute("export", "systemd", "--output", file.toString());

        assertThat(code).isEqualTo(64);
        assertThat(commands.stderr().lines()).singleElement().asString()
                .isEqualTo("lifeline: --output " + file + " is a file: give a folder (a missing one is made)");
    }

    @Test
    void aFolderOthersCanWrite_isRefused_nothingWritten() throws Exception {
        Path out = Files.createDirectory(root.resolve("deploy"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));

        int code = commands.execute("export", "systemd", "--output", out.toString());

        assertThat(code).isEqualTo(28);
        assertThat(commands.stderr().lines()).singleElement().asString()
                .startsWith("lifeline: the output folder " + out + " is not private");
        assertThat(list(out)).isEmpty();
    }

    private static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
