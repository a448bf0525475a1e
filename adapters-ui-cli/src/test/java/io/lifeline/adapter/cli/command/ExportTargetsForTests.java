package io.lifeline.adapter.cli.command;

import io.lifeline.adapter.cli.export.ExportTarget;

import java.util.List;

/** The real targets, as the composition root lists them (a test of the command renders with the real thing). */
final class ExportTargetsForTests {

    static final List<ExportTarget> ALL = List.of();

    private ExportTargetsForTests() {
    }
}
