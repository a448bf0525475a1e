package io.lifeline.adapter.cli.command;

import io.lifeline.domain.model.BackendName;

import io.lifeline.adapter.cli.config.ConfigException;
import io.lifeline.adapter.cli.config.ConfigLoader;
import io.lifeline.adapter.cli.state.RunRecord;
import io.lifeline.adapter.cli.state.RunStateFile;
import io.lifeline.adapter.cli.state.UntrustedState;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.adapter.cli.output.InertJson;
import io.lifeline.adapter.cli.output.StatusPublishers;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.Ownership;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.InertText;
import io.lifeline.domain.port.in.CheckBackendStatusUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

/** {@code lifeline status}: probe the backend once and print how each service is. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = LifelineCommand.Version.class,
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70,
        description = "Probe the backend once and print its services. Exit 0 when healthy, 22 when degraded,"
                + " 23 when down or not running.")
public final class StatusCommand extends ConfiguredCommand {

    static final List<Setting<?>> SETTINGS = Stream.concat(Settings.PROBING.stream(),
            Stream.of(Settings.RUN_DIR, Settings.BACKEND_DIR, Settings.LOG_DIR)).toList();

    @Option(names = "--json", description = "One JSON object on stdout (schema: docs/configuration.md)")
    private boolean json;

    private final UseCaseFactory<CheckBackendStatusUseCase> statuses;

    public StatusCommand(ConfigLoader loader, Console console, UseCaseFactory<CheckBackendStatusUseCase> statuses) {
        super(loader, console);
        this.statuses = Objects.requireNonNull(statuses, "statuses");
    }

    @Override
    ConfigLoader.Use configUse() {
        return ConfigLoader.Use.PROBE_ONLY;
    }

    @Override
    List<Setting<?>> settings() {
        return SETTINGS;
    }

    /** With several backends: each in turn, after what it depends on; exit 0 only when every one gives 0. */
    @Override
    Across across() {
        return Across.IN_ORDER;
    }

    /** With {@code --json}, each backend's object names it; there is no header line. */
    @Override
    void announce(BackendName backend) {
        if (!json) {
            super.announce(backend);
        }
    }

    /**
     * A backend reached by no port (a worker ready by its output, a one-shot job) has nothing to probe: its launch
     * record's process running is its status. A job is expected to have completed and gone.
     */
    private int processOnly(LifelineConfig config, Optional<RunRecord> state) {
        boolean job = config.command().backend().readiness().completion();
        Optional<RunRecord> running = state.filter(RunRecord::stillRuns);
        ExitCode code = running.isPresent() || job ? ExitCode.OK : ExitCode.STATUS_DOWN;
        String detail = running.map(record -> "running: pid " + record.pid() + ", since " + record.startedAt()
                        + " (reached by no port: its process is its status)")
                .orElse(job ? "a one-shot job: nothing runs once it has completed"
                        : "not running: no running process in its launch record (reached by no port, only the record"
                        + " tells)");
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode json =
                    new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            json.put("status", code == ExitCode.OK ? "healthy" : "down");
            json.put("port", config.endpoint().port());
            json.putNull("pid");
            running.ifPresent(record -> json.put("pid", record.pid()));
            json.put("timestamp", Instant.now().toString());
            json.put("detail", detail);
            json.put("exitCode", code.code());
            json.put("backend", config.name().value());
            out.println(InertJson.line(json));
        } else {
            out.println("backend " + config.name() + ": " + InertText.line(detail));
        }
        return code.code();
    }

    @Override
    int run(LifelineConfig config) throws Exception {
        Optional<RunRecord> state;
        try {
            state = RunStateFile.read(config.runDir(), config.endpoint().port());
        } catch (ConfigException invalid) {
            return usageError(invalid);
        } catch (UntrustedState | java.io.UncheckedIOException unusable) {
            // Status only reads: it says what it ignored, and reports the port without the record.
            err.println("lifeline: ignoring it: " + unusable.getMessage());
            state = Optional.empty();
        }
        if (config.reachedByNoPort()) {
            return processOnly(config, state);
        }
        CorrelationId id = state.map(running -> new CorrelationId(running.correlationId()))
                .orElseGet(() -> new CorrelationId("status-" + Instant.now().toEpochMilli()));
        HealthObservation observation;
        boolean stateStale;
        Optional<Ownership> owner;
        try (Opened<CheckBackendStatusUseCase> status = statuses.open(config, StatusPublishers.none())) {
            observation = status.useCase().probeOnce(config.endpoint(), id, config.timeouts().probeTimeout())
                    .toCompletableFuture().get(config.timeouts().probeTimeout().toMillis() + 5_000,
                            TimeUnit.MILLISECONDS);
            stateStale = state.isPresent()
                    && !status.useCase().stillRunning(state.get().pid(), state.get().recordedStart());
            owner = observation instanceof HealthReport report && report.answer().successful()
                    ? Optional.of(status.useCase().owner(config.command(), report).toCompletableFuture()
                    .get(config.timeouts().probeTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS))
                    : Optional.empty();
        }
        HealthVerdict verdict = config.acceptance().evaluate(observation);
        ExitCode code = verdict instanceof HealthVerdict.Healthy ? ExitCode.OK
                : verdict instanceof HealthVerdict.Degraded ? ExitCode.STATUS_DEGRADED : ExitCode.STATUS_DOWN;
        if (json) {
            out.println(statusJson(config, id, observation, verdict, code, state, stateStale, owner));
            return code.code();
        }
        out.println("backend " + config.endpoint() + ": " + InertText.line(verdict.describe()));
        owner.ifPresent(ownership -> out.println("  " + InertText.line(describe(ownership))));
        state.ifPresent(running -> out.println(stateStale
                ? "  the state file names pid " + running.pid() + " (lifeline start" + (running.isDetached()
                        ? " --detach" : "") + "), which is not running any more; it never blocks a start, and"
                        + " lifeline stop removes it"
                : "  started by lifeline start" + (running.isDetached() ? " --detach" : "") + ": pid " + running.pid()
                        + ", since " + running.startedAt() + ", correlation id " + running.correlationId()
                        + (running.outputFile() == null ? "" : ", output " + running.outputFile())));
        if (observation instanceof HealthReport report) {
            report.service().ifPresent(name -> out.println("  service " + InertText.field(name)
                    + report.pid().stream().mapToObj(pid -> ", pid " + pid).findFirst().orElse("")));
            out.println(String.format("  %-12s %s", "SERVICE", "STATUS"));
            Map<String, String> services = new TreeMap<>(report.services());
            services.forEach((name, status) -> out.println(String.format("  %-12s %s", InertText.field(name),
                    InertText.field(status))));
        }
        return code.code();
    }

    /** Who serves the port, and by which proof it is ours, or why it is not. */
    static String describe(Ownership ownership) {
        if (ownership instanceof Ownership.Proven proven) {
            return "ours: " + proven.proof().words() + " (" + proven.detail() + ")";
        }
        Ownership.Refused refused = ownership.refusal().orElseThrow();
        return (refused.stale() ? "stale, not ours: " : "not proven ours: ") + refused.reason()
                + refused.holder().map(holder -> "; the port is held by " + holder.describe()).orElse("");
    }

    private static String statusJson(LifelineConfig config, CorrelationId id, HealthObservation observation,
                                     HealthVerdict verdict, ExitCode code, Optional<RunRecord> state,
                                     boolean stateStale, Optional<Ownership> owner) {
        com.fasterxml.jackson.databind.node.ObjectNode json =
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        json.put("status", code == ExitCode.OK ? "healthy" : code == ExitCode.STATUS_DEGRADED ? "degraded" : "down");
        json.put("port", config.endpoint().port());
        json.putNull("pid");
        json.put("correlationId", id.value());
        json.put("timestamp", Instant.now().toString());
        json.put("detail", verdict.describe());
        json.put("exitCode", code.code());
        json.put("backend", config.name().value());
        if (observation instanceof HealthReport report) {
            report.pid().ifPresent(pid -> json.put("pid", pid));
            com.fasterxml.jackson.databind.node.ObjectNode services = json.putObject("services");
            new TreeMap<>(report.services()).forEach(services::put);
        }
        state.ifPresent(running -> json.put("detached", running.isDetached() && !stateStale));
        owner.ifPresent(ownership -> json.put("owner", describe(ownership)));
        return InertJson.line(json);
    }
}
