package io.lifeline.adapter.cli.export;

import io.lifeline.adapter.cli.export.SystemdVerify.Verification;
import io.lifeline.domain.model.RestartPolicy;
import io.lifeline.domain.model.SupervisionPolicy;
import io.lifeline.adapter.process.ProgramResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The systemd units, read back key by key, and checked by {@code systemd-analyze verify} (exit 0 and nothing on
 * stderr about them: version 252 exits 0 on an unknown key and only says so on stderr; {@link SystemdVerify}).
 */
class SystemdTargetTest {

    private final SystemdTarget target = new SystemdTarget(ExportTestData.USR_BIN);
    /** Finds a program as Lifeline does on this machine: for the units systemd-analyze verifies here. */
    private final SystemdTarget here = new SystemdTarget((name, env) -> ProgramResolver.resolve(name, Path.of("/"),
            System.getenv()).file());

    @Test
    void givenTheRecipeApp_whenRendered_thenOneUnitPerBackendAndAnExampleForTheSecrets() {
        Rendering rendering = target.render(ExportTestData.app());

        assertThat(rendering.files()).extracting(Rendering.ExportFile::name).containsExactly("app-migrate.service",
                "app-api.service", "app-api.env.example", "app-worker.service", "app-web.service");
        assertThat(file(rendering, "app-api.env.example")).contains("\nAPI_TOKEN=\n");
    }

    @Test
    void givenTheRecipeApp_whenReadBack_thenEverySettingMadeIt() {
        Rendering rendering = target.render(ExportTestData.app());

        Unit api = Unit.parse(file(rendering, "app-api.service"));
        assertThat(api.one("Service", "ExecStart")).isEqualTo(
                "/home/user/app/.venv/bin/python -m uvicorn app:app --host 127.0.0.1 --port 8000");
        assertThat(api.one("Service", "Type")).isEqualTo("exec");
        assertThat(api.one("Service", "WorkingDirectory")).isEqualTo("/home/user/app");
        assertThat(api.all("Service", "Environment")).containsExactly("\"APP_MODE=demo\"",
                "\"BACKEND_HOST=127.0.0.1\"", "\"BACKEND_PORT=8000\"");
        assertThat(api.one("Service", "EnvironmentFile")).isEqualTo("%E/lifeline/app-api.env");
        assertThat(api.one("Service", "ExecStartPost")).isEqualTo(
                "/opt/lifeline/lifeline wait --config /home/user/app/app.yaml --backend api --host 127.0.0.1 --port 8000"
                        + " --health lifeline --health-path /health --health-timeout 5s --startup-timeout 30s"
                        + " --probe-interval 100ms --required-services cache,database,websocket"
                        + " --expected-service lifeline-fixture");
        assertThat(api.one("Service", "TimeoutStartSec")).isEqualTo("45s");
        assertThat(api.one("Service", "Restart")).isEqualTo("on-failure");
        assertThat(api.one("Service", "RestartSec")).isEqualTo("2s");
        assertThat(api.one("Service", "TimeoutStopSec")).isEqualTo("5s");
        assertThat(api.one("Service", "KillMode")).isEqualTo("control-group");
        assertThat(api.one("Service", "KillSignal")).isEqualTo("SIGTERM");
        assertThat(api.one("Service", "SendSIGKILL")).isEqualTo("yes");
        assertThat(api.one("Unit", "StartLimitIntervalSec")).isEqualTo("60s");
        assertThat(api.one("Unit", "StartLimitBurst")).isEqualTo("6");
        assertThat(api.all("Unit", "Requires")).containsExactly("app-migrate.service");
        assertThat(api.all("Unit", "After")).containsExactly("app-migrate.service");
        assertThat(api.all("Unit", "PartOf")).isEmpty();
        assertThat(api.one("Install", "WantedBy")).isEqualTo("default.target");

        Unit migrate = Unit.parse(file(rendering, "app-migrate.service"));
        assertThat(migrate.one("Service", "Type")).isEqualTo("oneshot");
        assertThat(migrate.one("Service", "RemainAfterExit")).isEqualTo("yes");
        assertThat(migrate.one("Service", "Restart")).isEqualTo("no");
        assertThat(migrate.one("Service", "TimeoutStartSec")).isEqualTo("30s");
        assertThat(migrate.all("Service", "ExecStartPost")).isEmpty();
        assertThat(migrate.all("Service", "Environment")).isEmpty();

        Unit worker = Unit.parse(file(rendering, "app-worker.service"));
        assertThat(worker.one("Service", "ExecStart")).isEqualTo("/home/user/app/.venv/bin/python worker.py");
        assertThat(worker.all("Unit", "Requires")).containsExactly("app-api.service");
        assertThat(worker.all("Unit", "After")).containsExactly("app-api.service");
        assertThat(worker.all("Unit", "PartOf")).containsExactly("app-api.service");
        assertThat(worker.all("Service", "ExecStartPost")).isEmpty();

        Unit web = Unit.parse(file(rendering, "app-web.service"));
        assertThat(web.one("Service", "ExecStart")).isEqualTo(
                "/usr/bin/npx --no vite --host 127.0.0.1 --port 5173 --strictPort");
        assertThat(web.one("Service", "WorkingDirectory")).isEqualTo("/home/user/app/web");
        assertThat(web.one("Service", "ExecStartPost")).isEqualTo(
                "/opt/lifeline/lifeline wait --config /home/user/app/app.yaml --backend web --host 127.0.0.1 --port 5173"
                        + " --health tcp --health-path /health --health-timeout 5s --startup-timeout 30s"
                        + " --probe-interval 100ms --required-services \"\"");
        assertThat(web.all("Unit", "Requires")).containsExactly("app-api.service");
    }

    @Test
    void givenTheRecipeApp_whenRendered_thenEveryLossIsACommentOfItsBackendsUnit() {
        Rendering rendering = target.render(ExportTestData.app());

        assertThat(rendering.losses()).extracting(loss -> loss.backend() + " " + loss.setting()).contains(
                "worker readyLine", "worker dependsOn", "api restartDelay", "api restartWindow",
                "api livenessInterval", "api maxAttempts", "web dependsOn", "migrate maxAttempts");
        for (Loss loss : rendering.losses()) {
            assertThat(file(rendering, "app-" + loss.backend() + ".service"))
                    .contains("\n# lost: " + loss.describe() + "\n");
        }
        assertThat(file(rendering, "app-api.service"))
                .startsWith("# Generated by lifeline export systemd from app.yaml: edit the config and export again"
                        + " rather than this file.\n");
    }

    @Test
    void givenTheRecipeApp_whenRendered_thenNoSecretValueAndNoLifelineVariableIsWritten() {
        Rendering rendering = target.render(ExportTestData.app());

        for (Rendering.ExportFile file : rendering.files()) {
            assertThat(file.content()).doesNotContain("LIFELINE_").doesNotContainPattern("API_TOKEN=\\S");
        }
    }

    @Test
    void givenNoConfigFile_whenRendered_thenTheWaitIsGivenEverySettingAsAFlag_andNothingIsLost() {
        Deployment deployment = new Deployment("app", List.of(ExportTestData.api().withDependsOn(List.of())),
                Optional.empty(), ExportTestData.LIFELINE);

        Rendering rendering = target.render(deployment);

        assertThat(Unit.parse(file(rendering, "app-api.service")).all("Service", "ExecStartPost")).singleElement()
                .asString().startsWith("/opt/lifeline/lifeline wait --backend api --host 127.0.0.1 --port 8000")
                .doesNotContain("--config");
        assertThat(rendering.losses()).extracting(Loss::setting).doesNotContain("health");
    }

    @Test
    void givenRestartNever_whenRendered_thenNoRestartAndNoStartLimit() {
        DeployedBackend api = ExportTestData.api().withDependsOn(List.of())
                .withSupervision(SupervisionPolicy.DEFAULT.withRestart(RestartPolicy.NEVER));

        Unit unit = Unit.parse(file(target.render(ExportTestData.deployment(api)), "app-api.service"));

        assertThat(unit.one("Service", "Restart")).isEqualTo("no");
        assertThat(unit.all("Unit", "StartLimitBurst")).isEmpty();
    }

    @Test
    void givenAProgramSystemdCannotRun_whenRendered_thenRefusedNamingTheBackendAndCommand() {
        DeployedBackend api = ExportTestData.api().withDependsOn(List.of())
                .withCommand(List.of("/opt/we\"ird/server", "--port", "{port}"));

        assertThatThrownBy(() -> target.render(ExportTestData.deployment(api)))
                .isInstanceOf(ExportRefused.class).hasMessageStartingWith("api: command: ");
    }

    @Test
    void givenAProgramRelativeToTheWorkingFolder_whenRendered_thenItIsThatFolders_andSystemdRunsIt(@TempDir Path dir)
            throws Exception {
        DeployedBackend api = local(ExportTestData.api(), dir).withDependsOn(List.of());
        executable(api.workingDir().resolve("server"));
        executable(api.workingDir().resolve("bin").resolve("app"));
        Deployment dotSlash = new Deployment("app", List.of(api.withCommand(List.of("./server", "--port", "{port}"))),
                Optional.of(dir.resolve("app.yaml")), executable(dir.resolve("bin").resolve("lifeline")));
        Deployment inFolder = new Deployment("app", List.of(api.withCommand(List.of("bin/app"))),
                Optional.of(dir.resolve("app.yaml")), dotSlash.lifeline());

        assertThat(Unit.parse(file(target.render(dotSlash), "app-api.service")).one("Service", "ExecStart"))
                .isEqualTo(api.workingDir().resolve("server") + " --port 8000");
        assertThat(Unit.parse(file(target.render(inFolder), "app-api.service")).one("Service", "ExecStart"))
                .isEqualTo(api.workingDir().resolve("bin/app").toString());
        SystemdVerify.assumeAvailable();
        for (Deployment deployment : List.of(dotSlash, inFolder)) {
            Verification result = SystemdVerify.verify(dir, target.render(deployment), false);
            assertThat(result.problems()).as(result.describe()).isEmpty();
            assertThat(result.exitCode()).as(result.describe()).isZero();
        }
    }

    @Test
    void givenABareProgramName_whenRendered_thenItsPathWhereLifelineFindsIt_orTheBareNameAndALoss() {
        DeployedBackend web = ExportTestData.web().withDependsOn(List.of());
        Map<String, Map<String, String>> asked = new LinkedHashMap<>();
        SystemdTarget searching = new SystemdTarget((name, env) -> {
            asked.put(name, env);
            return Optional.of(Path.of("/home/user/.nvm/bin").resolve(name));
        });

        Rendering found = searching.render(ExportTestData.deployment(web));
        Rendering missing = new SystemdTarget(ProgramSearch.NONE).render(ExportTestData.deployment(web));

        assertThat(Unit.parse(file(found, "app-web.service")).one("Service", "ExecStart"))
                .startsWith("/home/user/.nvm/bin/npx --no vite ");
        assertThat(asked).containsOnlyKeys("npx").containsEntry("npx", web.env());
        assertThat(found.losses()).extracting(Loss::setting).doesNotContain("command");
        assertThat(Unit.parse(file(missing, "app-web.service")).one("Service", "ExecStart"))
                .startsWith("npx --no vite ");
        assertThat(missing.losses()).extracting(Loss::describe).contains("web: command: 'npx' is on no folder of"
                + " the PATH here: the unit names it bare, and systemd looks for it only in its own fixed PATH"
                + " (/usr/local/bin, /usr/bin, ...), not the user's; install it there or give its absolute path");
    }

    @Test
    void givenAWorkingFolderWithALineBreak_whenRendered_thenRefusedInOneLineNamingTheBackendTheSettingAndTheFix() {
        DeployedBackend api = ExportTestData.api().withDependsOn(List.of());
        DeployedBackend broken = new DeployedBackend(api.name(), api.command(), Path.of("/home/user/my\napp"),
                api.env(), api.secretEnv(), api.endpoint(), api.listens(), api.job(), api.check(), api.timeouts(),
                api.retry(), api.supervision(), api.stopGrace(), api.dependsOn(), api.interpreter(), api.image(),
                api.buildContext());

        assertThatThrownBy(() -> target.render(ExportTestData.deployment(broken)))
                .isInstanceOf(ExportRefused.class)
                .hasMessage("api: workingDir: systemd cannot take a line break in '/home/user/my\\napp'; use a folder"
                        + " whose path has no line break");
    }

    @Test
    void givenTheDefaultAppName_whenRendered_thenTheDescriptionDoesNotRepeatIt() {
        DeployedBackend backend = ExportTestData.api().withDependsOn(List.of());
        Deployment named = ExportTestData.deployment(backend);
        Deployment unnamed = new Deployment("lifeline", List.of(backend), named.configFile(), named.lifeline());

        assertThat(Unit.parse(file(target.render(named), "app-api.service")).one("Unit", "Description"))
                .isEqualTo("api of app, from lifeline export");
        assertThat(Unit.parse(file(target.render(unnamed), "lifeline-api.service")).one("Unit", "Description"))
                .isEqualTo("api, from lifeline export");
    }

    @Test
    void givenHostileArguments_whenQuoted_thenSystemdsEscapesAreWritten() {
        assertThat(SystemdSyntax.argument("plain-arg_1.0:x=y")).isEqualTo("plain-arg_1.0:x=y");
        assertThat(SystemdSyntax.argument("")).isEqualTo("\"\"");
        assertThat(SystemdSyntax.argument("two words")).isEqualTo("\"two words\"");
        assertThat(SystemdSyntax.argument("100%")).isEqualTo("\"100%%\"");
        assertThat(SystemdSyntax.argument("$HOME")).isEqualTo("\"$$HOME\"");
        assertThat(SystemdSyntax.argument("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(SystemdSyntax.argument("it's")).isEqualTo("\"it's\"");
        assertThat(SystemdSyntax.argument("C:\\dir")).isEqualTo("\"C:\\\\dir\"");
        assertThat(SystemdSyntax.argument("a\nb\tc")).isEqualTo("\"a\\nb\\tc\"");
        assertThat(SystemdSyntax.argument(";")).isEqualTo("\\;");
        assertThat(SystemdSyntax.argument("%h ${X} \\\" ;")).isEqualTo("\"%%h $${X} \\\\\\\" ;\"");
        assertThat(SystemdSyntax.assignment("URL", "http://x/?a=1&b=%20$y"))
                .isEqualTo("\"URL=http://x/?a=1&b=%%20$y\"");
        assertThat(SystemdSyntax.timespan(Duration.ofMillis(100))).isEqualTo("100ms");
        assertThat(SystemdSyntax.timespan(Duration.ofNanos(1_500_001))).isEqualTo("2ms");
        assertThat(SystemdSyntax.timespan(Duration.ofSeconds(60))).isEqualTo("60s");
    }

    @Test
    void givenTheRecipeAppOnThisMachine_whenVerifiedAsSystemUnits_thenSystemdFindsNothingToSay(@TempDir Path dir)
            throws Exception {
        SystemdVerify.assumeAvailable();
        Rendering rendering = here.render(onThisMachine(dir));

        Verification result = SystemdVerify.verify(dir, rendering, false);

        assertThat(result.problems()).as(result.describe()).isEmpty();
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @Test
    void givenTheRecipeAppOnThisMachine_whenVerifiedAsUserUnits_thenSystemdFindsNothingToSay(@TempDir Path dir)
            throws Exception {
        SystemdVerify.assumeAvailable();
        Rendering rendering = here.render(onThisMachine(dir));

        Verification result = SystemdVerify.verify(dir, rendering, true);

        assertThat(result.problems()).as(result.describe()).isEmpty();
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @Test
    void givenHostileArgumentsAndAProgramPathWithSpaceAndPercent_whenVerified_thenSystemdReadsThem(@TempDir Path dir)
            throws Exception {
        SystemdVerify.assumeAvailable();
        // verify checks that the program exists: it finds it only when its path was read back exactly
        Path program = executable(dir.resolve("odd dir 100%").resolve("serve $HOME"));
        DeployedBackend api = local(ExportTestData.api(), dir).withDependsOn(List.of())
                .withCommand(List.of(program.toString(), "--name", "two words", "100%", "$HOME", "say \"hi\"",
                        "it's", "back\\slash", "new\nline", ";", "", "%h $X {x", "--port", "{port}"));
        Deployment deployment = new Deployment("app", List.of(api), Optional.of(dir.resolve("app.yaml")),
                executable(dir.resolve("bin").resolve("lifeline")));

        Verification result = SystemdVerify.verify(dir, here.render(deployment), false);

        assertThat(result.problems()).as(result.describe()).isEmpty();
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @Test
    void givenAnUnknownKeyOrABadValue_whenVerified_thenTheHelperFails(@TempDir Path dir) throws Exception {
        SystemdVerify.assumeAvailable();
        Rendering rendering = here.render(onThisMachine(dir));
        String api = file(rendering, "app-api.service");

        Verification unknownKey = SystemdVerify.verify(dir, replaced(rendering, "app-api.service",
                api.replace("KillMode=control-group\n", "KillMode=control-group\nRestartSteps=3\n")), false);
        Verification badValue = SystemdVerify.verify(dir, replaced(rendering, "app-api.service",
                api.replace("Restart=on-failure", "Restart=sometimes")), false);
        Verification badQuote = SystemdVerify.verify(dir, replaced(rendering, "app-api.service",
                api.replace("Environment=\"APP_MODE=demo\"", "Environment=\"APP_MODE=de\\qmo\"")), false);

        assertThat(unknownKey.problems()).anyMatch(line -> line.contains("RestartSteps"));
        assertThat(badValue.problems()).anyMatch(line -> line.contains("sometimes"));
        assertThat(badQuote.problems()).isNotEmpty();
    }

    // --- helpers ---

    private static String file(Rendering rendering, String name) {
        return rendering.files().stream().filter(file -> file.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no file " + name)).content();
    }

    private static Rendering replaced(Rendering rendering, String name, String content) {
        return new Rendering(rendering.files().stream().map(file -> file.name().equals(name)
                ? new Rendering.ExportFile(name, content) : file).toList(), rendering.losses());
    }

    /** The recipe app with paths that exist here: verify checks the programs and the working folders. */
    private static Deployment onThisMachine(Path dir) throws IOException {
        Path lifeline = executable(dir.resolve("bin").resolve("lifeline"));
        List<DeployedBackend> backends = new ArrayList<>();
        for (DeployedBackend backend : ExportTestData.app().backends()) {
            backends.add(local(backend, dir));
        }
        return new Deployment("app", backends, Optional.of(dir.resolve("app.yaml")), lifeline);
    }

    private static DeployedBackend local(DeployedBackend backend, Path dir) throws IOException {
        Path workingDir = Files.createDirectories(dir.resolve("work").resolve(backend.name().value()));
        return new DeployedBackend(backend.name(), backend.command(), workingDir, backend.env(), backend.secretEnv(),
                backend.endpoint(), backend.listens(), backend.job(), backend.check(), backend.timeouts(),
                backend.retry(), backend.supervision(), backend.stopGrace(), backend.dependsOn(),
                backend.interpreter().map(any -> Path.of("/usr/bin/python3")), backend.image(),
                backend.buildContext());
    }

    private static Path executable(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        return path;
    }

    /** A unit file as systemd reads its keys: section, key, every value in order (comments skipped). */
    private record Unit(Map<String, Map<String, List<String>>> sections) {

        static Unit parse(String text) {
            Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
            String section = null;
            for (String line : text.lines().toList()) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    section = line.substring(1, line.indexOf(']'));
                    sections.putIfAbsent(section, new LinkedHashMap<>());
                    continue;
                }
                assertThat(section).as("a key before any section: " + line).isNotNull();
                int equals = line.indexOf('=');
                assertThat(equals).as("not a key=value line: " + line).isPositive();
                sections.get(section).computeIfAbsent(line.substring(0, equals), key -> new ArrayList<>())
                        .add(line.substring(equals + 1));
            }
            return new Unit(sections);
        }

        List<String> all(String section, String key) {
            return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
        }

        String one(String section, String key) {
            assertThat(all(section, key)).as("[" + section + "] " + key).hasSize(1);
            return all(section, key).get(0);
        }
    }
}
