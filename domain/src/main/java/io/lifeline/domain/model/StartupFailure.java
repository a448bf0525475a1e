package io.lifeline.domain.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Why a start failed, classified. Each kind says whether a retry can help, what happened in one line, and what the
 * user should do about it.
 */
public sealed interface StartupFailure {

    FailureClass failureClass();

    /** The cause in one line, first thing in every report. */
    String summary();

    /** What to do, with the exact command where there is one; settings in the front end's words. */
    String remedy(SettingNames settings);

    /** Supporting lines: rejected candidates, the last observation, ... Empty by default. */
    default List<String> details() {
        return List.of();
    }

    default boolean retryable() {
        return failureClass().retryable();
    }

    /**
     * No candidate interpreter was usable; {@code rejections} explains each one (path, version, what was missing).
     *
     * @param language       what the interpreter runs, as the launcher that looked for it calls it
     * @param minimumVersion the oldest version that will do
     */
    record InterpreterNotFound(String language, String minimumVersion, List<String> rejections)
            implements StartupFailure {
        public InterpreterNotFound {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(minimumVersion, "minimumVersion");
            rejections = List.copyOf(rejections);
        }

        @Override
        public FailureClass failureClass() {
            return FailureClass.INTERPRETER_NOT_FOUND;
        }

        @Override
        public String summary() {
            return "No usable " + language + " interpreter found (" + language + " " + minimumVersion
                    + " or newer is required)";
        }

        @Override
        public String remedy(SettingNames settings) {
            return "Install " + language + " " + minimumVersion + "+ and put it on PATH, or point Lifeline at one with "
                    + settings.assign(Setting.INTERPRETER, "/path/to/" + language.toLowerCase(Locale.ROOT));
        }

        @Override
        public List<String> details() {
            return rejections;
        }
    }

    /**
     * A package the backend imports is not installed for the chosen interpreter.
     *
     * @param language       whose packages they are, as the profile that recognised them calls it
     * @param installCommand the exact command that installs them for {@code interpreter}
     */
    record PackagesMissing(String language, List<String> modules, String interpreter, String installCommand)
            implements StartupFailure {
        public PackagesMissing {
            Objects.requireNonNull(language, "language");
            modules = List.copyOf(modules);
            Objects.requireNonNull(interpreter, "interpreter");
            Objects.requireNonNull(installCommand, "installCommand");
        }

        @Override
        public FailureClass failureClass() {
            return FailureClass.PACKAGES_MISSING;
        }

        @Override
        public String summary() {
            return "Required " + language + " packages are missing for " + interpreter + ": " + String.join(", ", modules);
        }

        @Override
        public String remedy(SettingNames settings) {
            return "Install them: " + installCommand;
        }
    }

    record BackendScriptMissing(String path) implements StartupFailure {
        @Override
        public FailureClass failureClass() {
            return FailureClass.BACKEND_SCRIPT_MISSING;
        }

        @Override
        public String summary() {
            return "Backend script not found: " + path;
        }

        @Override
        public String remedy(SettingNames settings) {
            String script = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
            return "Point " + settings.of(Setting.BACKEND_DIR) + " at the folder that holds the backend's " + script;
        }
    }

    /**
     * Something that is not an acceptable backend holds the port.
     *
     * @param observation what we saw of it: what it answered, or what the backend said when it could not bind
     * @param holder      the process that listens there, when the operating system tells
     */
    record PortInUse(Endpoint endpoint, String observation, Optional<PortHolder> holder) implements StartupFailure {
        public PortInUse {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(observation, "observation");
            Objects.requireNonNull(holder, "holder");
        }

        public PortInUse(Endpoint endpoint, String observation) {
            this(endpoint, observation, Optional.empty());
        }

        public PortInUse withHolder(Optional<PortHolder> value) {
            return new PortInUse(endpoint, observation, value);
        }

        @Override
        public FailureClass failureClass() {
            return FailureClass.PORT_IN_USE;
        }

        @Override
        public String summary() {
            return "Port " + endpoint.port() + " on " + endpoint.host() + " is held by "
                    + holder.map(PortHolder::describe).orElse("another process") + ": " + observation;
        }

        @Override
        public String remedy(SettingNames settings) {
            String stop = holder.map(process -> "Stop it (kill " + process.pid() + ")")
                    .orElse("Stop the process that holds port " + endpoint.port() + " (find it with: lsof -i :"
                            + endpoint.port() + ")");
            return stop + ", or start on another port with " + settings.of(Setting.PORT);
        }
    }

    /** A connected backend exited on its own. */
    record BackendExited(OptionalInt exitCode, List<String> lastOutput) implements StartupFailure {
        public BackendExited {
            Objects.requireNonNull(exitCode, "exitCode");
            lastOutput = List.copyOf(lastOutput);
        }

        @Override
        public FailureClass failureClass() {
            return FailureClass.BACKEND_EXITED;
        }

        @Override
        public String summary() {
            String code = exitCode.isPresent() ? "with code " + exitCode.getAsInt() : "";
            String last = lastOutput.isEmpty() ? "" : ": " + lastOutput.get(lastOutput.size() - 1);
            return ("Backend exited " + code).strip() + last;
        }

        @Override
        public String remedy(SettingNames settings) {
            return "Read the backend's last output and the log file for why it exited";
        }
    }

    /** A connected backend stopped answering health checks; Lifeline stopped it. */
    record LivenessFailed(int failures, Duration interval, HealthVerdict lastVerdict) implements StartupFailure {
        public LivenessFailed {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(lastVerdict, "lastVerdict");
        }

        @Override
        public FailureClass failureClass() {
            return FailureClass.LIVENESS_FAILED;
        }

        @Override
        public String summary() {
            return "Backend failed " + failures + " health checks in a row (every " + Durations.format(interval)
                    + "); last: " + lastVerdict.describe();
        }

        @Override
        public String remedy(SettingNames settings) {
            return "Check the backend log for what blocks it; raise " + settings.of(Setting.LIVENESS_THRESHOLD)
                    + " if it is only briefly busy";
        }
    }

    /**
     * The backend went down too often: gave up restarting it.
     *
     * @param downs why it went down each time, oldest first (exit codes, liveness failures, last lines)
     */
    record RestartLimitReached(int restarts, Duration window, List<String> downs) implements StartupFailure {
        public RestartLimitReached {
            Objects.requireNonNull(window, "window");
            downs = List.copyOf(downs);
        }

        @Override
        public FailureClass failureClass() {
            return FailureClass.RESTART_LIMIT_REACHED;
        }

        @Override
        public String summary() {
            return "Gave up: the backend went down again after " + restarts + " restarts within "
                    + Durations.format(window);
        }

        @Override
        public String remedy(SettingNames settings) {
            return "Fix what makes the backend go down (see below and the log file), then start it again";
        }

        @Override
        public List<String> details() {
            return downs;
        }
    }

    /** /health answers, but what it sends is not a health report (see docs/backend-contract.md). */
    record BadHealthResponse(ProbeFailure lastAnswer) implements StartupFailure {
        public BadHealthResponse {
            Objects.requireNonNull(lastAnswer, "lastAnswer");
        }

        @Override
        public FailureClass failureClass() {
            return FailureClass.BAD_HEALTH_RESPONSE;
        }

        @Override
        public String summary() {
            return "Backend answers its health endpoint, but not with a health report: " + lastAnswer.describe();
        }

        @Override
        public String remedy(SettingNames settings) {
            return "Make the health endpoint answer as docs/backend-contract.md describes (status, services)";
        }
    }

    /**
     * Nothing answered on the expected port while the backend's own output says it listens on another one: the two
     * sides disagree on the port (the seed's 8000/8001 bug).
     *
     * @param outputLine the backend's line that shows where it listens
     */
    record PortMismatch(Endpoint expected, int listeningPort, String outputLine, Duration startupTimeout)
            implements StartupFailure {
        public PortMismatch {
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(outputLine, "outputLine");
        }

        @Override
        public FailureClass failureClass() {
            return FailureClass.PORT_MISMATCH;
        }

        @Override
        public String summary() {
            return "Backend did not answer on port " + expected.port() + " within " + Durations.format(startupTimeout)
                    + ", and its output says it listens on port " + listeningPort + " instead";
        }

        @Override
        public String remedy(SettingNames settings) {
            return "Make the backend listen on the port it is given (" + settings.of(Setting.PORT)
                    + "), or start Lifeline with " + settings.assign(Setting.PORT, Integer.toString(listeningPort));
        }

        @Override
        public List<String> details() {
            return List.of("backend output: " + outputLine.strip());
        }
    }

    /** The operating system refused to start the process at all. */
    record LaunchFailed(String command, String reason) implements StartupFailure {
        @Override
        public FailureClass failureClass() {
            return FailureClass.LAUNCH_FAILED;
        }

        @Override
        public String summary() {
            return "Could not start the backend process: " + reason;
        }

        @Override
        public String remedy(SettingNames settings) {
            return "Check that this command runs by hand: " + command;
        }
    }

    record ExitedDuringStartup(int exitCode, List<String> lastOutput) implements StartupFailure {
        public ExitedDuringStartup {
            lastOutput = List.copyOf(lastOutput);
        }

        @Override
        public FailureClass failureClass() {
            return FailureClass.EXITED_DURING_STARTUP;
        }

        @Override
        public String summary() {
            String last = lastOutput.isEmpty() ? "" : ": " + lastOutput.get(lastOutput.size() - 1);
            return "Backend exited during startup with code " + exitCode + last;
        }

        @Override
        public String remedy(SettingNames settings) {
            return "Read the backend's last output below and the log file; run the backend by hand to see it fail";
        }
    }

    /**
     * The backend did not become healthy within the startup timeout.
     *
     * @param lastObservation the last probe's result, which is the actual cause; empty if no probe completed
     */
    record HealthTimeout(Duration startupTimeout, Duration probeTimeout, Optional<HealthVerdict> lastObservation)
            implements StartupFailure {
        public HealthTimeout {
            Objects.requireNonNull(lastObservation, "lastObservation");
        }

        @Override
        public FailureClass failureClass() {
            return FailureClass.HEALTH_TIMEOUT;
        }

        @Override
        public String summary() {
            return "Backend did not become healthy within " + Durations.format(startupTimeout) + "; last probe: "
                    + lastObservation.map(HealthVerdict::describe).orElse("none completed (probe timeout "
                    + Durations.format(probeTimeout) + ")");
        }

        @Override
        public String remedy(SettingNames settings) {
            return "If the backend is just slow, raise " + settings.of(Setting.STARTUP_TIMEOUT)
                    + "; check that it listens on the port it was"
                    + " given (its output below shows where it listens)";
        }
    }

    /** The backend answered, but the required services never all became healthy. */
    record UnhealthyServices(HealthVerdict lastVerdict) implements StartupFailure {
        public UnhealthyServices {
            if (!(lastVerdict instanceof HealthVerdict.Degraded || lastVerdict instanceof HealthVerdict.Unhealthy)) {
                throw new IllegalArgumentException("unhealthy services need a degraded or unhealthy verdict");
            }
        }

        public Map<String, String> services() {
            return lastVerdict.troubledServices();
        }

        @Override
        public FailureClass failureClass() {
            return FailureClass.UNHEALTHY_SERVICES;
        }

        @Override
        public String summary() {
            return "Backend answered but is not healthy: " + lastVerdict.describe();
        }

        @Override
        public String remedy(SettingNames settings) {
            String remedy = "Check the backend log for why these services are not healthy";
            return lastVerdict instanceof HealthVerdict.Degraded
                    ? remedy + "; to accept a degraded backend set " + settings.assign(Setting.ACCEPT_DEGRADED, "true")
                    : remedy;
        }
    }
}
