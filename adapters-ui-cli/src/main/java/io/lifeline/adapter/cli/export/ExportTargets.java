package io.lifeline.adapter.cli.export;

import java.util.List;

/** The engines {@code lifeline export} renders for: a new one is its class and a line here. */
public final class ExportTargets {

    private ExportTargets() {
    }

    public static List<ExportTarget> all() {
        return List.of(new ComposeTarget(), new KubernetesTarget(), new SystemdTarget(), new ProcessComposeTarget());
    }
}
