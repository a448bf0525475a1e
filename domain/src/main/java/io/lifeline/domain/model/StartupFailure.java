package io.lifeline.domain.model;

import java.util.List;

/**
 * Why a start failed (or a connected backend went down), classified. Each kind is a record of its own in this
 * package, with structured details; it says whether a retry can help ({@link FailureClass}), what happened in one
 * line, and what the user should do about it, naming settings in the front end's words ({@link SettingNames}).
 */
public sealed interface StartupFailure
        permits InterpreterNotFound, PackagesMissing, BackendScriptMissing, ProgramNotFound, ProgramNotExecutable,
        ProgramBlocked, LaunchFailed, ExitedDuringStartup, PortInUse,
        PortMismatch, BadHealthResponse, HealthTimeout, ReadyLineNotSeen, UnhealthyServices, BackendExited, LivenessFailed,
        RestartLimitReached, OwnershipNotProven, DependencyNotReady {

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
}
