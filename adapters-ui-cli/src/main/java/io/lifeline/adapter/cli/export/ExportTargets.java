package io.lifeline.adapter.cli.export;

import java.util.List;

/** The engines {@code lifeline export} renders for: a new one is its class and a line here. */
public final class ExportTargets {

    private ExportTargets() {
    }

    /** @param programs where a program named without a folder is, for the targets that need its path */
    public static List<ExportTarget> all(ProgramSearch programs) {
        return List.of(new ComposeTarget(), new KubernetesTarget(), new SystemdTarget(programs),
                new ProcessComposeTarget());
    }
}
