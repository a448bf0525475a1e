package io.lifeline.adapter.cli.output;

import io.lifeline.domain.model.FailureClass;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The exit codes of every {@code lifeline} command: one per failure class, so scripts can tell them apart. */
public enum ExitCode {
    OK(0, "success; after start: stopped on request (Ctrl-C / SIGTERM)"),
    INTERPRETER_NOT_FOUND(10, "no usable Python interpreter"),
    PACKAGES_MISSING(11, "required Python packages are missing"),
    BACKEND_SCRIPT_MISSING(12, "backend script not found"),
    PORT_IN_USE(13, "the port is held by another process"),
    LAUNCH_FAILED(14, "the backend process could not be started"),
    EXITED_DURING_STARTUP(15, "the backend exited during startup"),
    HEALTH_TIMEOUT(16, "the backend did not become healthy in time"),
    UNHEALTHY_SERVICES(17, "the backend answered, but required services are not healthy"),
    BAD_HEALTH_RESPONSE(18, "the backend's health endpoint does not answer with a health report"),
    PORT_MISMATCH(19, "the backend listens on another port than the one it was given"),
    DISCONNECTED(20, "the backend went down after it was connected, and the restart policy does not restart it"),
    RESTART_LIMIT_REACHED(21, "the backend went down too often: Lifeline gave up restarting it"),
    STATUS_DEGRADED(22, "status: the backend answers, but degraded"),
    STATUS_DOWN(23, "status: no healthy backend answers (down, unhealthy, or not running)"),
    DOCTOR_FAILED(24, "doctor: at least one check failed"),
    PROGRAM_NOT_FOUND(25, "the backend's program does not exist (not at that path, or not on PATH)"),
    PROGRAM_NOT_EXECUTABLE(26, "the backend's program is a folder or lacks execute permission"),
    PERMISSION_DENIED(27, "the operating system, an antivirus or a security policy refused to run the backend's"
            + " program"),
    UNTRUSTED_STATE(28, "a run or log folder, or a file in it, is not trusted (another user's, writable by group or"
            + " others, a link, or a launch record that does not prove its process): nothing was run or signalled"),
    OWNERSHIP_NOT_PROVEN(29, "a ready answer on the port was not proven to come from the backend Lifeline launched"
            + " (in time): its tree was stopped"),
    DEPENDENCY_NOT_READY(30, "a backend of the app was not ready within the timeout a dependant gives it"),
    USAGE(64, "invalid flag, configuration value or configuration file"),
    INTERNAL_ERROR(70, "internal error (a bug: please report it with the log file)"),
    INTERRUPTED(130, "interrupted (Ctrl-C / SIGTERM) before the backend was connected");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public static ExitCode of(FailureClass failureClass) {
        return switch (failureClass) {
            case INTERPRETER_NOT_FOUND -> INTERPRETER_NOT_FOUND;
            case PACKAGES_MISSING -> PACKAGES_MISSING;
            case BACKEND_SCRIPT_MISSING -> BACKEND_SCRIPT_MISSING;
            case PORT_IN_USE -> PORT_IN_USE;
            case PROGRAM_NOT_FOUND -> PROGRAM_NOT_FOUND;
            case PROGRAM_NOT_EXECUTABLE -> PROGRAM_NOT_EXECUTABLE;
            case PERMISSION_DENIED -> PERMISSION_DENIED;
            case LAUNCH_FAILED -> LAUNCH_FAILED;
            case EXITED_DURING_STARTUP -> EXITED_DURING_STARTUP;
            case HEALTH_TIMEOUT -> HEALTH_TIMEOUT;
            case UNHEALTHY_SERVICES -> UNHEALTHY_SERVICES;
            case BAD_HEALTH_RESPONSE -> BAD_HEALTH_RESPONSE;
            case PORT_MISMATCH -> PORT_MISMATCH;
            case BACKEND_EXITED, LIVENESS_FAILED -> DISCONNECTED;
            case RESTART_LIMIT_REACHED -> RESTART_LIMIT_REACHED;
            case OWNERSHIP_NOT_PROVEN -> OWNERSHIP_NOT_PROVEN;
            case DEPENDENCY_NOT_READY -> DEPENDENCY_NOT_READY;
        };
    }

    /** The table printed by {@code --help}. */
    public static String table() {
        return Arrays.stream(values())
                .map(exit -> String.format("  %3d  %s", exit.code, exit.meaning))
                .collect(Collectors.joining("%n"));
    }
}
