package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.export.SystemdVerify.Verification;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every target's export of two apps, checked by the target's own validator and kept as golden files under
 * {@code docs/deploy/<app>/<target>/}: the recipe app ({@code docs/recipes/app.yaml}, run from a folder shown as
 * {@code ~/app}) and the bundled fixture backend as {@code start} runs it without a config of its own (given only an
 * image, and a secret that must never reach an export, in a {@code lifeline.yaml} of a folder shown as
 * {@code ~/fixture}). The repository is shown as {@code ~/lifeline} and {@code {python}} is {@code /usr/bin/python3},
 * and a program named without a folder ({@code npx}) is found in {@code /usr/bin}, so the goldens do not depend on the
 * machine.
 *
 * <p>A renderer change shows as a golden that differs. When the change is meant, regenerate the goldens with
 * {@value #REGENERATE} and review their diff.
 */
class ExportGoldenTest {

    static final String REGENERATE = "mvn -q test -pl adapters-ui-cli -Dtest=ExportGoldenTest"
            + " -Dlifeline.writeGolden=true";

    private static final boolean WRITE = Boolean.getBoolean("lifeline.writeGolden");
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path GOLDEN = REPOSITORY.resolve("docs").resolve("deploy");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static final String API_TOKEN = "golden-token-never-exported";
    private static final String DATABASE_PASSWORD = "golden-password-never-exported";
    private static final String FIXTURE_CONFIG = """
            # The bundled fixture backend as start runs it; an image for the container targets, and two secrets.
            image: lifeline-fixture:dev
            env:
              API_TOKEN: %s
              DATABASE_URL: postgresql://app:%s@db:5432/app
            """.formatted(API_TOKEN, DATABASE_PASSWORD);

    @TempDir
    Path root;

    /** An app as an export sees it: the config loaded as the CLI loads it, and the folders its paths are shown as. */
    private record App(Deployment deployment, Map<Path, String> neutralPaths, List<String> secrets) {
    }

    static Stream<Arguments> exports() {
        return Stream.of("app", "fixture").flatMap(app -> ExportTargets.all(ExportTestData.USR_BIN).stream()
                .map(target -> Arguments.of(app, target.name())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("exports")
    void everyExport_passesItsTargetsValidator(String appName, String targetName) throws Exception {
        Rendering rendering = target(targetName).render(app(appName).deployment());

        List<String> problems = new ArrayList<>();
        int checked = 0;
        switch (targetName) {
            case "compose" -> {
                ComposeSchema schema = ComposeSchema.load();
                for (Rendering.ExportFile file : filesEndingIn(rendering, ".yaml")) {
                    schema.violations(file.content()).forEach(violation -> problems.add(file.name() + ": "
                            + violation));
                    checked++;
                }
            }
            case "kubernetes" -> {
                for (Rendering.ExportFile file : filesEndingIn(rendering, ".yaml")) {
                    KubernetesValidator.violations(file.content()).forEach(violation -> problems.add(file.name()
                            + ": " + violation));
                    checked++;
                }
            }
            case "systemd" -> {
                SystemdVerify.assumeAvailable();
                for (boolean user : List.of(false, true)) {
                    Verification result = SystemdVerify.verify(root, rendering, user);
                    result.problems().forEach(line -> problems.add((user ? "--user: " : "") + line));
                    if (result.exitCode() != 0) {
                        problems.add(result.describe());
                    }
                }
                checked = filesEndingIn(rendering, ".service").size();
            }
            case "process-compose" -> {
                for (Rendering.ExportFile file : filesEndingIn(rendering, ".yaml")) {
                    ProcessComposeSchema.problems(YAML.readTree(file.content())).forEach(problem -> problems.add(
                            file.name() + ": " + problem));
                    checked++;
                }
            }
            default -> fail("no validator for the target " + targetName + ": add one here");
        }

        assertThat(checked).as("files the validator checked").isPositive();
        assertThat(problems).as("what the validator of " + targetName + " says of the " + appName + " export")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("exports")
    void everyExport_isItsGoldenFile(String appName, String targetName) throws IOException {
        App app = app(appName);
        Rendering rendering = target(targetName).render(app.deployment());
        Map<String, String> expected = new LinkedHashMap<>();
        for (Rendering.ExportFile file : rendering.files()) {
            expected.put(file.name(), neutral(file.content(), app));
        }
        expected.forEach((name, content) -> assertNothingOfThisMachineOrSecret(appName + "/" + targetName + "/"
                + name, content, app));
        if (!app.secrets().isEmpty()) {
            assertThat(String.join("\n", expected.values())).as("the secrets, referred to by name")
                    .contains("API_TOKEN", "DATABASE_URL");
        }
        Path folder = GOLDEN.resolve(appName).resolve(targetName);

        if (WRITE) {
            write(folder, expected);
            return;
        }
        assertThat(names(folder)).as("the golden files in %s are the files the export writes (to regenerate: %s)",
                REPOSITORY.relativize(folder), REGENERATE).isEqualTo(new TreeSet<>(expected.keySet()));
        for (Map.Entry<String, String> file : expected.entrySet()) {
            Path golden = folder.resolve(file.getKey());
            String difference = firstDifference(Files.readString(golden, StandardCharsets.UTF_8), file.getValue());
            if (difference != null) {
                fail(REPOSITORY.relativize(golden) + " is not what the export writes now; " + difference
                        + "\nIf the change is meant, regenerate the goldens with " + REGENERATE
                        + " and review their diff.");
            }
        }
    }

    private App app(String name) throws IOException {
        Path userHome = Files.createDirectories(root.resolve("user"));
        Path folder = Files.createDirectories(root.resolve(name));
        Path config;
        if (name.equals("app")) {
            config = Files.copy(REPOSITORY.resolve("docs").resolve("recipes").resolve("app.yaml"),
                    folder.resolve("app.yaml"));
        } else {
            config = Files.writeString(folder.resolve(ConfigLoader.DEFAULT_FILE_NAME), FIXTURE_CONFIG);
        }
        // As LifelineMain makes it: run from the app's folder, Lifeline installed in the repository.
        AppConfig loaded = new ConfigLoader(folder, Map.of(), REPOSITORY, userHome)
                .loadAppGivenFlags(Optional.of(config), Map.of(), ConfigLoader.Use.LAUNCH);
        Deployment deployment = Deployments.of(loaded, REPOSITORY.resolve("lifeline"), spec -> Optional.of(PYTHON));
        // Longest first: the app's folder is below the temporary root, which is nowhere in a golden.
        Map<Path, String> neutralPaths = new LinkedHashMap<>();
        neutralPaths.put(folder, "~/" + name);
        neutralPaths.put(REPOSITORY, "~/lifeline");
        return new App(deployment, neutralPaths,
                name.equals("app") ? List.of() : List.of(API_TOKEN, DATABASE_PASSWORD));
    }

    private static String neutral(String content, App app) {
        String neutral = content;
        for (Map.Entry<Path, String> path : app.neutralPaths().entrySet()) {
            neutral = neutral.replace(path.getKey().toString(), path.getValue());
        }
        return neutral;
    }

    private void assertNothingOfThisMachineOrSecret(String name, String content, App app) {
        List<String> machine = new ArrayList<>(List.of("/work/", "/root/", "/tmp/", root.toString(),
                REPOSITORY.toString(), System.getProperty("java.io.tmpdir")));
        String home = System.getProperty("user.home");
        if (home.length() > 1) {
            machine.add(home);
        }
        for (String path : machine) {
            assertThat(content).as("%s holds a path of this machine (%s)", name, path).doesNotContain(path);
        }
        for (String secret : app.secrets()) {
            assertThat(content).as("%s holds a secret value", name).doesNotContain(secret);
        }
        assertThat(content).as("%s holds a variable of a Lifeline run", name).doesNotContain("LIFELINE_SECRET");
    }

    private static ExportTarget target(String name) {
        return ExportTargets.all(ExportTestData.USR_BIN).stream().filter(target -> target.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<Rendering.ExportFile> filesEndingIn(Rendering rendering, String suffix) {
        return rendering.files().stream().filter(file -> file.name().endsWith(suffix)).toList();
    }

    private static TreeSet<String> names(Path folder) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.forEach(file -> names.add(file.getFileName().toString()));
            }
        }
        return names;
    }

    /** The folder holds exactly these files: a file the export no longer writes is removed. */
    private static void write(Path folder, Map<String, String> files) throws IOException {
        Files.createDirectories(folder);
        for (String name : names(folder)) {
            if (!files.containsKey(name)) {
                Files.delete(folder.resolve(name));
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** Where two texts first differ, by line, for a reader; {@code null} when they are the same. */
    private static String firstDifference(String golden, String export) {
        if (golden.equals(export)) {
            return null;
        }
        List<String> goldenLines = golden.lines().toList();
        List<String> exportLines = export.lines().toList();
        for (int i = 0; i < Math.max(goldenLines.size(), exportLines.size()); i++) {
            String was = i < goldenLines.size() ? goldenLines.get(i) : "(end of file)";
            String is = i < exportLines.size() ? exportLines.get(i) : "(end of file)";
            if (!was.equals(is)) {
                return "first difference at line " + (i + 1) + ":\n  golden: " + was + "\n  export: " + is;
            }
        }
        return "the lines are the same but their endings differ (a line break at the end, or CR LF)";
    }
}
