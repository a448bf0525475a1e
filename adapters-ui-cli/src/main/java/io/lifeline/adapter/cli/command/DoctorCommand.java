package io.lifeline.adapter.cli.command;

import io.lifeline.domain.model.BackendName;

import io.lifeline.adapter.cli.config.ConfigException;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.config.FileProblems;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.LocalPorts;
import io.lifeline.adapter.cli.config.Origin;
import io.lifeline.adapter.cli.config.PythonCommand;
import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.CliSettingNames;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.adapter.cli.output.InertJson;
import io.lifeline.adapter.cli.output.LogSetup;
import io.lifeline.adapter.cli.output.StatusPublishers;
import io.lifeline.adapter.cli.state.RunFolder;
import io.lifeline.adapter.cli.state.UntrustedState;
import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendScriptMissing;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.InertText;
import io.lifeline.domain.model.InterpreterCandidateReport;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.port.in.DiagnoseSetupUseCase;
import io.lifeline.domain.port.out.InterpreterDiagnosis;
import io.lifeline.domain.port.out.ProgramCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code lifeline doctor}: runs, live, every check a start depends on, and says for each what is wrong and what to do.
 * It reports rather than refuses: an invalid configuration is a failed check, not a usage error.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = LifelineCommand.Version.class,
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70,
        description = "Check, live, what a start needs: the configuration, the backend's program (and for a"
                + " " + PythonCommand.PLACEHOLDER + " command every interpreter candidate), the port, the log and run"
                + " folders. Exit 0 when"
                + " every check passes, 24 otherwise.")
public final class DoctorCommand extends ConfiguredCommand {

    static final List<Setting<?>> SETTINGS = List.of(Settings.PORT, Settings.HOST, Settings.COMMAND,
            Settings.WORKING_DIR, Settings.BACKEND_DIR, Settings.PYTHON, Settings.LOG_DIR, Settings.RUN_DIR);

    /** The effective values of the settings doctor is about; the others are shown with their source only. */
    private static final Map<Setting<?>, Function<LifelineConfig, Optional<String>>> SHOWN = Map.of(
            Settings.HOST, config -> Optional.of(config.endpoint().host()),
            Settings.COMMAND, config -> Optional.of(config.shown(Settings.COMMAND)),
            Settings.WORKING_DIR, config -> Optional.of(config.backend().directory().toString()),
            Settings.PORT, config -> Optional.of(Integer.toString(config.endpoint().port())),
            Settings.BACKEND_DIR, config -> Optional.of(config.get(Settings.BACKEND_DIR).toString()),
            Settings.PYTHON, config -> config.backend().interpreter().map(Path::toString),
            Settings.LOG_DIR, config -> Optional.of(config.logDir().toString()),
            Settings.RUN_DIR, config -> Optional.of(config.runDir().toString()));

    static final String CONFIG = "config";
    static final String INTERPRETER = "interpreter";
    static final String BACKEND_SCRIPT = "backend-script";
    static final String PROGRAM = "program";
    static final String PORT = "port";
    static final String LOG_DIR = "log-dir";
    static final String RUN_DIR = "run-dir";

    @Option(names = "--json", description = "Print one JSON document instead of the text report")
    private boolean json;

    private final UseCaseFactory<DiagnoseSetupUseCase> diagnoses;
    private final Function<BackendSpec, BackendProfile> profiles;

    /**
     * @param profiles what each kind of backend needs: why no interpreter candidate will do, and what to install
     */
    public DoctorCommand(ConfigLoader loader, Console console, UseCaseFactory<DiagnoseSetupUseCase> diagnoses,
                         Function<BackendSpec, BackendProfile> profiles) {
        super(loader, console);
        this.diagnoses = Objects.requireNonNull(diagnoses, "diagnoses");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
    }

    @Override
    List<Setting<?>> settings() {
        return SETTINGS;
    }

    /** The folders are checks of their own: the preamble only loads the configuration. */
    @Override
    Needs needs() {
        return Needs.CONFIG;
    }

    /** An invalid configuration is a failed check, and the checks that need it are skipped. */
    @Override
    int invalidConfiguration(ConfigException invalid) {
        List<Check> checks = new ArrayList<>();
        checks.add(Check.failed(CONFIG, invalid.getMessage(), List.of(),
                "correct that value where it came from (flag, environment variable or config file)"));
        for (String name : List.of(INTERPRETER, BACKEND_SCRIPT, PORT, LOG_DIR, RUN_DIR)) {
            checks.add(Check.skipped(name, "needs a valid configuration"));
        }
        return report(checks);
    }

    /**
     * With several backends: each one's report in turn, after what it depends on; exit 0 only when every one passes.
     * The JSON report is one document about one backend: name it with {@code --backend}.
     */
    @Override
    Across across() {
        return json ? Across.ONE : Across.IN_ORDER;
    }

    @Override
    int run(LifelineConfig config) {
        List<Check> checks = new ArrayList<>();
        // The log folder first: the log file must be pointed at it before anything creates a logger.
        Check logDir = writableFolder(LOG_DIR, "log folder", config.logDir(), config.origin(Settings.LOG_DIR),
                Settings.LOG_DIR);
        if (logDir.ok()) {
            try {
                LogSetup.useLogDirectory(config.logDir(), config.origin(Settings.LOG_DIR));
            } catch (ConfigException | UntrustedState unusable) {
                logDir = Check.failed(LOG_DIR, unusable.getMessage(), List.of(),
                        "point --log-dir at a folder you can write");
            }
        }
        checks.add(configuration(config));
        try (Opened<DiagnoseSetupUseCase> diagnosis = diagnoses.open(config, StatusPublishers.none())) {
            if (PythonCommand.findsInterpreter(config.backend().command())) {
                checks.add(interpreter(config.backend(), diagnosis.useCase(), profiles.apply(config.backend())));
            }
            checks.add(program(config.backend(), diagnosis.useCase()));
            // A backend reached by no port (a job, a worker ready by its output) needs none free.
            checks.add(config.reachedByNoPort() ? Check.passed(PORT, "none needed: the backend is reached by no"
                    + " port", List.of()) : port(config.endpoint(), diagnosis.useCase()));
        }
        checks.add(logDir);
        checks.add(writableFolder(RUN_DIR, "run folder", config.runDir(), config.origin(Settings.RUN_DIR),
                Settings.RUN_DIR));
        return report(checks);
    }

    // ---- the checks ----

    private static Check configuration(LifelineConfig config) {
        List<Item> items = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            Origin origin = config.origin(setting);
            if (origin.isDefault()) {
                continue;
            }
            Optional<String> value = SHOWN.getOrDefault(setting, unshown -> Optional.empty()).apply(config);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("key", setting.key());
            fields.put("value", value.orElse(null));
            fields.put("source", origin.where());
            items.add(new Item(setting.key() + value.map(text -> " = " + text).orElse("") + " (from " + origin + ")",
                    fields));
        }
        String detail = items.isEmpty() ? "valid; every setting has its default"
                : "valid; " + items.size() + (items.size() == 1 ? " setting differs" : " settings differ")
                        + " from the default";
        return Check.passed(CONFIG, detail, items);
    }

    private static Check interpreter(BackendSpec backend, DiagnoseSetupUseCase diagnosis, BackendProfile profile) {
        InterpreterDiagnosis.Findings findings = diagnosis.interpreters(backend);
        List<Item> items = new ArrayList<>();
        boolean passedTheChosen = false;
        for (InterpreterCandidateReport candidate : findings.candidates()) {
            boolean chosen = !passedTheChosen && findings.chosen().filter(candidate::equals).isPresent();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("command", candidate.command());
            fields.put("origin", candidate.origin());
            fields.put("usable", candidate.usable());
            fields.put("chosen", chosen);
            fields.put("version", candidate.version().orElse(null));
            fields.put("executable", candidate.executable().orElse(null));
            fields.put("missingModules", candidate.missingModules());
            fields.put("explanation", candidate.explanation());
            // After the chosen one, a start would not get as far as a candidate: it is not "rejected".
            String verdict = chosen ? "chosen: " : candidate.usable() ? "also usable: "
                    : passedTheChosen ? "not usable: " : "rejected: ";
            items.add(new Item(verdict + candidate.describe(), fields));
            passedTheChosen |= chosen;
        }
        if (findings.chosen().isPresent()) {
            InterpreterCandidateReport chosen = findings.chosen().get();
            return Check.passed(INTERPRETER, chosen.command() + " (" + chosen.origin() + ")"
                    + chosen.version().map(version -> ", Python " + version).orElse(""), items);
        }
        String detail = "no usable Python among " + findings.candidates().size()
                + (findings.candidates().size() == 1 ? " candidate" : " candidates");
        String remedy = profile.noUsableInterpreter(backend, findings.candidates())
                .map(failure -> failure.remedy(CliSettingNames.INSTANCE))
                .orElse("point Lifeline at a usable interpreter with " + Settings.PYTHON.flag().orElseThrow());
        return Check.failed(INTERPRETER, detail, items, remedy);
    }

    /** The script a found interpreter runs, or any other program, found as a launch would find it. */
    private static Check program(BackendSpec backend, DiagnoseSetupUseCase diagnosis) {
        List<String> command = backend.command();
        boolean script = PythonCommand.findsInterpreter(command) && command.size() > 1
                && !command.get(1).startsWith("-");
        String name = script ? BACKEND_SCRIPT : PROGRAM;
        ProgramCheck.Finding finding = diagnosis.program(backend);
        if (finding.problem().isEmpty()) {
            String detail = script ? finding.program() + " is present"
                    : PythonCommand.findsInterpreter(command) ? String.join(" ", command)
                    + " runs with the interpreter above, in " + backend.directory()
                    : finding.program() + " can be run, in " + backend.directory();
            return Check.passed(name, detail, List.of());
        }
        StartupFailure problem = finding.problem().get();
        String detail = problem instanceof BackendScriptMissing missing
                ? (Files.exists(Path.of(missing.path())) ? "not a file: " : "not found: ") + missing.path()
                : problem.summary();
        return Check.failed(name, detail, List.of(), problem.remedy(CliSettingNames.INSTANCE));
    }

    private static Check port(Endpoint endpoint, DiagnoseSetupUseCase owners) {
        InetSocketAddress address = new InetSocketAddress(endpoint.host(), endpoint.port());
        if (address.isUnresolved()) {
            return Check.failed(PORT, "host " + endpoint.host() + " cannot be resolved", List.of(),
                    "give a host name or IP address of this machine with --host, e.g. --host 127.0.0.1");
        }
        try {
            LocalPorts.bindOnce(address);
            return Check.passed(PORT, endpoint + " is free", List.of());
        } catch (BindException bindFailed) {
            Optional<PortHolder> holder = owners.holderOf(endpoint);
            if (holder.isEmpty() && !String.valueOf(bindFailed.getMessage()).contains("in use")) {
                return Check.failed(PORT, "cannot listen on " + endpoint + ": " + bindFailed.getMessage(), List.of(),
                        "give an address of this machine with --host, or another port with --port");
            }
            String detail = endpoint + " is held by " + holder.map(PortHolder::describe)
                    .orElse("another process (the operating system does not say which; another user's?)");
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("pid", holder.map(PortHolder::pid).orElse(null));
            fields.put("commandLine", holder.flatMap(PortHolder::commandLine).orElse(null));
            List<Item> items = List.of(new Item("if it is a healthy Lifeline backend, lifeline start attaches to it"
                    + " instead of starting another", fields));
            return Check.failed(PORT, detail, items,
                    new PortInUse(endpoint, bindFailed.getMessage(), holder)
                            .remedy(CliSettingNames.INSTANCE));
        } catch (IOException | SecurityException failed) {
            return Check.failed(PORT, "cannot listen on " + endpoint + ": " + failed.getMessage(), List.of(),
                    "give an address of this machine with --host, or another port with --port");
        }
    }

    /** Creates the folder when it is missing, as a start would, then checks that it can be written. */
    private static Check writableFolder(String name, String what, Path folder, Origin source,
                                        Setting<Path> setting) {
        String flag = setting.flag().orElse(setting.key());
        String remedy = "point " + flag + " at a folder you can write, or fix the permissions of " + folder;
        String from = " (from " + source + ")";
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            return Check.failed(name, what + " " + folder + from + " is a file, not a folder", List.of(), remedy);
        }
        try {
            RunFolder.checkFolder(what, folder);
        } catch (UntrustedState refused) {
            return Check.failed(name, refused.problem() + from, List.of(), refused.fix());
        } catch (UncheckedIOException | SecurityException failed) {
            return Check.failed(name, what + " " + folder + from + " cannot be created: "
                    + FileProblems.describe(failed.getCause() instanceof IOException io ? io : failed), List.of(),
                    remedy);
        }
        if (!Files.isWritable(folder)) {
            return Check.failed(name, what + " " + folder + from + " is not writable", List.of(), remedy);
        }
        return Check.passed(name, what + " " + folder + " is writable", List.of());
    }

    // ---- the report ----

    private int report(List<Check> checks) {
        boolean ok = checks.stream().allMatch(Check::ok);
        if (json) {
            out.println(json(ok, checks));
        } else {
            for (Check check : checks) {
                // Details quote command lines and interpreter answers: shown inert.
                out.println(String.format("%-6s %s: %s", check.label(), check.name(), InertText.line(check.detail())));
                check.items().forEach(item -> out.println("         " + InertText.line(item.text())));
                check.remedy().ifPresent(remedy -> out.println("         remedy: " + InertText.line(remedy)));
            }
            long failed = checks.stream().filter(check -> !check.ok() && !check.skipped()).count();
            long skipped = checks.stream().filter(Check::skipped).count();
            out.println(ok ? "all " + checks.size() + " checks passed"
                    : failed + " of " + checks.size() + " checks failed"
                            + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        }
        return ok ? ExitCode.OK.code() : ExitCode.DOCTOR_FAILED.code();
    }

    private static String json(boolean ok, List<Check> checks) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Check check : checks) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", check.name());
            fields.put("ok", check.ok());
            fields.put("skipped", check.skipped());
            fields.put("detail", check.detail());
            fields.put("remedy", check.remedy().orElse(null));
            List<Map<String, Object>> items = new ArrayList<>();
            for (Item item : check.items()) {
                Map<String, Object> itemFields = new LinkedHashMap<>();
                itemFields.put("text", item.text());
                itemFields.putAll(item.fields());
                items.add(itemFields);
            }
            fields.put("items", items);
            list.add(fields);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", ok);
        document.put("checks", list);
        return InertJson.indented(document);
    }

    /** One line of detail under a check, and the same as fields for {@code --json}. */
    record Item(String text, Map<String, Object> fields) {
        Item {
            fields = new LinkedHashMap<>(fields);
        }
    }

    /** The outcome of one check; a skipped check did not run and does not count as passed. */
    record Check(String name, boolean ok, boolean skipped, String detail, List<Item> items, Optional<String> remedy) {
        Check {
            items = List.copyOf(items);
        }

        static Check passed(String name, String detail, List<Item> items) {
            return new Check(name, true, false, detail, items, Optional.empty());
        }

        static Check failed(String name, String detail, List<Item> items, String remedy) {
            return new Check(name, false, false, detail, items, Optional.of(remedy));
        }

        static Check skipped(String name, String reason) {
            return new Check(name, false, true, "skipped: " + reason, List.of(), Optional.empty());
        }

        String label() {
            return ok ? "[ok]" : skipped ? "[skip]" : "[FAIL]";
        }
    }
}
