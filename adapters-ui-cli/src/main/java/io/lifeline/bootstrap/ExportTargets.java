package io.lifeline.bootstrap;

import io.lifeline.adapter.cli.export.ExportTarget;

import java.util.List;

/** The engines {@code lifeline export} renders for: a new one is its class and a line here. */
final class ExportTargets {

    static final List<ExportTarget> ALL = List.of();

    private ExportTargets() {
    }
}
