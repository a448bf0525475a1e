package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.adapter.cli.config.ConfigException;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.export.Deployment;
import io.lifeline.adapter.cli.export.Deployments;
import io.lifeline.adapter.cli.export.ExportRefused;
import io.lifeline.adapter.cli.export.ExportTarget;
import io.lifeline.adapter.cli.export.Rendering;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.adapter.cli.state.OwnerOnlyFiles;
import io.lifeline.adapter.cli.state.UntrustedState;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.InertText;
import io.lifeline.domain.port.out.PrivateFiles.NotPrivate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code lifeline export TARGET}: the app as the files another engine runs it from (compose, Kubernetes, systemd,
 * process-compose), from the configuration {@code start} uses. Every setting the engine cannot express as Lifeline
 * means it is listed on stderr (and as a comment in the files); {@code --strict} makes any such loss an error.
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = LifelineCommand.Version.class,
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70,
        description = "Write the app for another engine to run: the same commands, health checks, timeouts,"
                + " restarts, stop grace and dependencies, in that engine's own terms. Settings it cannot express"
                + " are listed on stderr and as comments. Exit 0 when written; 64 with one line for a backend the"
                + " engine cannot run as configured, or any loss with --strict.")
public final class ExportCommand extends ConfiguredCommand {

    @Parameters(index = "0", paramLabel = "TARGET", description = "compose, kubernetes, systemd or process-compose")
    private String targetName;

    @Option(names = "--output", paramLabel = "DIR", description = "Write the files into DIR (a folder of yours;"
            + " made when missing) instead of printing them")
    private Path output;

    @Option(names = "--strict", description = "Fail (exit 64, nothing written) when any setting would be lost")
    private boolean strict;

    private final List<ExportTarget> targets;
    private final Function<BackendSpec, Optional<Path>> interpreters;

    /**
     * @param interpreters the interpreter {@code {python}} is on this machine for a backend, as {@code start} finds
     *                     it: what a unit on this machine runs
     */
    public ExportCommand(ConfigLoader loader, Console console, List<ExportTarget> targets,
                         Function<BackendSpec, Optional<Path>> interpreters) {
        super(loader, console);
        this.targets = List.copyOf(targets);
        this.interpreters = Objects.requireNonNull(interpreters, "interpreters");
    }

    @Override
    List<Setting<?>> settings() {
        return Settings.ALL;
    }

    @Override
    Needs needs() {
        return Needs.CONFIG;
    }

    @Override
    int run(AppConfig app) {
        Optional<ExportTarget> target = targets.stream().filter(each -> each.name().equals(targetName)).findFirst();
        if (target.isEmpty()) {
            return usageError(new ConfigException("export: unknown target '" + InertText.field(targetName)
                    + "'; one of " + targets.stream().map(ExportTarget::name).collect(Collectors.joining(", "))));
        }
        String what = "export " + target.get().name();
        Rendering rendering;
        try {
            Deployment deployment = Deployments.of(app, loader.folders().lifelineHome().resolve("lifeline"),
                    interpreters);
            rendering = target.get().render(deployment);
        } catch (ConfigException | ExportRefused refused) {
            err.println("lifeline: " + what + ": " + refused.getMessage());
            return ExitCode.USAGE.code();
        }
        if (strict && !rendering.losses().isEmpty()) {
            sayLosses(rendering, what);
            err.println("lifeline: " + what + " --strict: " + rendering.losses().size() + " setting"
                    + (rendering.losses().size() == 1 ? "" : "s") + " cannot be exported as configured (listed"
                    + " above); nothing written");
            return ExitCode.USAGE.code();
        }
        OwnerOnlyFiles files = new OwnerOnlyFiles();
        if (output != null) {
            // A folder that cannot be written is the one thing to say, before any loss.
            if (java.nio.file.Files.exists(output, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && !java.nio.file.Files.isDirectory(output, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && !java.nio.file.Files.isSymbolicLink(output)) {
                return usageError(new ConfigException("--output " + output + " is a file: give a folder (a missing"
                        + " one is made)"));
            }
            try {
                files.ownFolder(output);
            } catch (NotPrivate refused) {
                return refused(UntrustedState.of("output folder", refused));
            } catch (UncheckedIOException failed) {
                return refused(failed);
            }
        }
        sayLosses(rendering, what);
        return output == null ? print(rendering) : write(files, rendering, what);
    }

    private void sayLosses(Rendering rendering, String what) {
        rendering.losses().forEach(loss -> err.println("lifeline: " + what + ": lost: " + loss.describe()));
    }

    private int print(Rendering rendering) {
        boolean several = rendering.files().size() > 1;
        for (Rendering.ExportFile file : rendering.files()) {
            if (several) {
                out.println("# file: " + file.name());
            }
            out.print(file.content());
            if (several) {
                out.println();
            }
        }
        out.flush();
        return ExitCode.OK.code();
    }

    /**
     * Each file 0600, never through a link, in a folder of the user's that others cannot write: made 0700 when
     * missing, an existing one left as it is (an export holds no secret value).
     */
    private int write(OwnerOnlyFiles files, Rendering rendering, String what) {
        try {
            for (Rendering.ExportFile file : rendering.files()) {
                files.writeInOwnFolder(output.resolve(file.name()), file.content().getBytes(StandardCharsets.UTF_8));
            }
        } catch (NotPrivate refused) {
            return refused(UntrustedState.of("output folder", refused));
        } catch (UncheckedIOException failed) {
            return refused(failed);
        }
        err.println("lifeline: " + what + ": wrote " + rendering.files().stream().map(Rendering.ExportFile::name)
                .collect(Collectors.joining(", ")) + " to " + output.toAbsolutePath().normalize());
        return ExitCode.OK.code();
    }

    /** Unused: an export is of the whole app, or of the backends {@code --backend} names. */
    @Override
    int run(LifelineConfig config) {
        throw new UnsupportedOperationException("export renders the app");
    }
}
