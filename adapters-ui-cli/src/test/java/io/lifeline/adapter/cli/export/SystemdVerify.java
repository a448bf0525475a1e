package io.lifeline.adapter.cli.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * systemd's own check of rendered units: {@code systemd-analyze verify}, which must exit 0 and say nothing on stderr
 * about them (version 252 exits 0 on an unknown key and only says so on stderr). It checks that each program and
 * working folder exists, so the units must carry paths of this machine. Where {@code systemd-analyze} is missing or
 * older than 252, {@link #assumeAvailable()} skips the calling test with the reason.
 */
final class SystemdVerify {

    private SystemdVerify() {
    }

    /** Skips the calling test, with the reason, where {@code systemd-analyze} cannot verify the units. */
    static void assumeAvailable() throws InterruptedException {
        Optional<String> version = run(List.of("systemd-analyze", "--version"), Map.of()).map(Verification::stdout);
        assumeThat(version).as("systemd-analyze is not installed here: the units are not verified").isPresent();
        assumeThat(version.get()).as("systemd-analyze does not say its version").startsWith("systemd ");
        int major = Integer.parseInt(version.get().substring("systemd ".length()).split("\\D", 2)[0]);
        assumeThat(major).as("systemd %d is older than the 252 the units are written for", major)
                .isGreaterThanOrEqualTo(252);
    }

    /**
     * {@code systemd-analyze verify --man=no} on the rendered files, written into {@code dir/units}. Lines of stderr
     * that name neither that folder nor one of the units are about the host (its own unit files, a manager it cannot
     * reach) and are kept apart; every other line is a problem of the units.
     *
     * @param user verify them as user units ({@code --user}) rather than system units
     */
    static Verification verify(Path dir, Rendering rendering, boolean user)
            throws IOException, InterruptedException {
        Path units = Files.createDirectories(dir.resolve("units-" + System.nanoTime()));
        List<String> arguments = new ArrayList<>(List.of("systemd-analyze"));
        if (user) {
            arguments.add("--user");
        }
        arguments.addAll(List.of("verify", "--man=no"));
        for (Rendering.ExportFile file : rendering.files()) {
            Path path = Files.writeString(units.resolve(file.name()), file.content());
            if (file.name().endsWith(".service")) {
                arguments.add(path.toString());
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (user) {
            Path runtime = Files.createDirectories(dir.resolve("runtime"));
            Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
            env.put("XDG_RUNTIME_DIR", runtime.toString());
        }
        Verification result = run(arguments, env).orElseThrow();
        List<String> names = rendering.files().stream().map(Rendering.ExportFile::name).toList();
        List<String> problems = result.stderr().lines().filter(line -> line.contains(units.toString())
                || names.stream().anyMatch(line::contains)).toList();
        return new Verification(result.exitCode(), result.stdout(), result.stderr(), problems);
    }

    private static Optional<Verification> run(List<String> command, Map<String, String> env)
            throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError(command + " did not end within 60 s");
            }
            return Optional.of(new Verification(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8), List.of()));
        } catch (IOException failed) {
            throw new AssertionError(command + " failed", failed);
        } finally {
            process.destroyForcibly();
        }
    }

    /** What verify said; {@code problems} are the lines of stderr about the units. */
    record Verification(int exitCode, String stdout, String stderr, List<String> problems) {
        String describe() {
            return "systemd-analyze verify exited " + exitCode + ", stderr:\n" + stderr;
        }
    }
}
